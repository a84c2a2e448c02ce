#include "logging.h"

Q_LOGGING_CATEGORY(lcCore, "t2v.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "t2v.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLlm, "t2v.llm", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStory, "t2v.story", QtInfoMsg)
Q_LOGGING_CATEGORY(lcVideo, "t2v.video", QtInfoMsg)
Q_LOGGING_CATEGORY(lcJobs, "t2v.jobs", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMedia, "t2v.media", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAccounts, "t2v.accounts", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProject, "t2v.project", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "t2v.ui", QtInfoMsg)
