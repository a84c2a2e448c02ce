#include "modelsuggestions.h"

#include "providers/providerregistry.h"

#include <QCompleter>
#include <QCoreApplication>
#include <QLineEdit>
#include <QStringListModel>

using namespace Qt::StringLiterals;

namespace t2v::ui {

void offerModels(QLineEdit* field, const QList<Account>& accounts, ModelKind kind)
{
    QStringList ids;
    for (const Account& a : accounts) {
        QStringList mine;
        if (const auto kept = ModelCatalog::cached(a.id)) {
            mine = kept->ids(kind);
            if (kind == ModelKind::Video)
                mine += kept->ids(ModelKind::Omni);
        } else if (const ProviderRow* row = ProviderRegistry::find(a.provider)) {
            mine = kind == ModelKind::Text ? row->textPreferences : row->videoPreferences;
        }
        for (const QString& id : std::as_const(mine)) {
            if (!ids.contains(id))
                ids.append(id);
        }
    }
    QCompleter* completer = field->completer();
    if (!completer) {
        completer = new QCompleter(new QStringListModel(field), field);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        field->setCompleter(completer);
    }
    if (auto* model = qobject_cast<QStringListModel*>(completer->model()))
        model->setStringList(ids);
    field->setToolTip(
        ids.isEmpty() ? QCoreApplication::translate("t2v::ui::ModelSuggestions",
                                                    "Empty: each account's own model.")
                      : QCoreApplication::translate(
                            "t2v::ui::ModelSuggestions",
                            "Empty: each account's own model. Models these accounts can use: %1")
                            .arg(ids.join(u", "_s)));
}

} // namespace t2v::ui
