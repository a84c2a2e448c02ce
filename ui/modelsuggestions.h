#pragma once

// The model fields of the Script and Videos tabs suggest the models the chosen accounts can
// use: each account's kept list (from its service: t2v accounts models, or Models in the
// account editor) or, while none is kept, the provider's preferred models. An empty field
// means each account's own model.

#include "core/account.h"
#include "providers/modelcatalog.h"

#include <QList>

class QLineEdit;

namespace t2v::ui {

// `kind` Video suggests Veo and Omni models, Text the text models.
void offerModels(QLineEdit* field, const QList<Account>& accounts, ModelKind kind);

} // namespace t2v::ui
