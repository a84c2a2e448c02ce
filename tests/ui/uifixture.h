#pragma once

// What the GUI tests share: JobFixture (the fake provider server, the application's services in
// a private config folder, accounts pointing at the server) with the window's context on top,
// English texts, short polling for the session, and a helper to find a panel's widgets.

#include "appcontext.h"
#include "jobfixture.h"
#include "session/projectsession.h"

#include <QTest>
#include <QWidget>

#include <memory>

namespace t2v::test {

class UiFixture : public JobFixture
{
public:
    explicit UiFixture(std::chrono::milliseconds renderTime = std::chrono::milliseconds(150));
    ~UiFixture() override;

    ui::AppContext& context() { return *m_context; }
    // A session over the fixture's services that checks jobs every few milliseconds.
    std::unique_ptr<ProjectSession> makeSession();
    // A project folder whose scenes are all written (the prompts of `failScenes` fail).
    bool makeWrittenProject(const QString& dir, int scenes, const QList<int>& failScenes = {})
    {
        return writeProject(dir, scenes, failScenes);
    }

private:
    std::unique_ptr<ui::AppContext> m_context;
};

// The child widget of `parent` called `name`; the test fails (fatally) without one.
template <typename T>
T* child(QObject* parent, const char* name)
{
    T* w = parent->findChild<T*>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

// A panel (or window) under test: the fixture, a session, and the panel made by `make`,
// shown and active.
template <typename Panel>
struct PanelFixture
{
    template <typename Make>
    explicit PanelFixture(Make make,
                          std::chrono::milliseconds renderTime = std::chrono::milliseconds(150))
        : fixture(renderTime)
        , session(fixture.makeSession())
        , panel(make(*session, fixture.context()))
    {
        panel->resize(1200, 800);
        panel->show();
        panel->activateWindow();
    }
    ~PanelFixture()
    {
        panel.reset();
        session.reset();
    }
    bool shown() { return QTest::qWaitForWindowActive(panel.get()); }

    UiFixture fixture;
    std::unique_ptr<ProjectSession> session;
    std::unique_ptr<Panel> panel;
};

} // namespace t2v::test
