#pragma once

// Adds or edits one account with the fields its service needs. The key field is masked and
// always starts empty: a stored key is never shown again, only replaced.

#include "core/account.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QMenu;
class QRadioButton;
class QSpinBox;
class QToolButton;

namespace t2v::ui {

class AppContext;

class AccountEditDialog final : public QDialog
{
    Q_OBJECT

public:
    AccountEditDialog(AppContext& context, std::optional<Account> existing,
                      QWidget* parent = nullptr);
    Account account() const;
    QLineEdit* keyField() const { return m_key; }

protected:
    void done(int result) override;

private:
    void updateFields();
    // The models offered for `field`: the account's kept list (from its service) when there
    // is one, else the provider's preferred models; "Automatic" and a refresh first.
    void fillModelMenu(QMenu* menu, QLineEdit* field, bool video);
    void refreshModels();

    AppContext& m_context;
    std::optional<Account> m_existing;
    QLineEdit* m_id;
    QLineEdit* m_label;
    QComboBox* m_provider;
    QLineEdit* m_baseUrl;
    QLineEdit* m_model;
    QLineEdit* m_videoModel;
    QLineEdit* m_imageModel;
    QToolButton* m_textModels;
    QToolButton* m_videoModels;
    QLabel* m_modelNote;
    QLineEdit* m_quotaGroup;
    QDoubleSpinBox* m_dailyBudget;
    QDoubleSpinBox* m_spendWindow;
    QSpinBox* m_maxJobs;
    QSpinBox* m_rpm;
    QComboBox* m_tokenField;
    QComboBox* m_personGeneration;
    QSpinBox* m_startDeadline;
    QSpinBox* m_mediaExpiry; // hours
    QLineEdit* m_key;
    QLabel* m_keyState;
    QRadioButton* m_keychain;
    QRadioButton* m_file;
    QLabel* m_error;
    bool m_saving = false;
};

} // namespace t2v::ui
