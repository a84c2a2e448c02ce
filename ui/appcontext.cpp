#include "appcontext.h"

namespace t2v::ui {

AppContext::AppContext(QString configDir, QObject* parent)
    : QObject(parent)
    , m_owned(std::make_unique<AppServices>(std::move(configDir)))
    , m_services(*m_owned)
{
    wire();
}

AppContext::AppContext(AppServices& services, QObject* parent)
    : QObject(parent)
    , m_services(services)
{
    wire();
}

void AppContext::wire()
{
    // Keys are read once off the GUI thread (the keychain answers over D-Bus), and again when
    // the accounts change; FFmpeg is checked when its setting changes.
    connect(&m_services.accounts(), &AccountStore::changed, &m_services,
            &AppServices::prefetchKeys);
    connect(&m_services.settings(), &AppSettings::changed, this, [this](AppSettings::Key key) {
        if (key == AppSettings::Key::FfmpegPath)
            m_services.prefetchTools();
    });
}

} // namespace t2v::ui
