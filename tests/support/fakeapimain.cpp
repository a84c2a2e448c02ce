// t2v-fake-api: the fake provider server on its own, for trying the app without real keys.
//   t2v-fake-api [--port 8080]
// Point an account's base URL at the address it prints.

#include "fakeapiserver.h"
#include "localgpuroutes.h"
#include "providerroutes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <csignal>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"t2v-fake-api"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(T2V_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A local server that speaks the wire formats of the providers T2V Studio uses "
        u"(OpenAI-compatible chat, Gemini generateContent and Veo, fal.ai queue, ComfyUI and "
        u"OpenAI-style /v1/videos servers)."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption port(u"port"_s, u"Port to listen on (0 = any free port)."_s, u"port"_s,
                            u"0"_s);
    QCommandLineOption render(u"render-ms"_s, u"How long a fake video takes to render."_s, u"ms"_s,
                              u"3000"_s);
    parser.addOption(port);
    parser.addOption(render);
    parser.process(app);

    t2v::test::FakeApiServer server;
    t2v::test::ProviderRoutesOptions options;
    options.renderTime = std::chrono::milliseconds(parser.value(render).toInt());
    auto routes = t2v::test::installProviderRoutes(server, options);
    auto localGpu = t2v::test::installLocalGpuRoutes(server, routes, options.renderTime);
    if (!server.start(quint16(parser.value(port).toUInt()))) {
        QTextStream(stderr) << "t2v-fake-api: cannot listen on port " << parser.value(port) << "\n";
        return 1;
    }
    routes->setBaseUrl(server.baseUrl());
    QTextStream out(stdout);
    out << "t2v-fake-api listening on " << server.baseUrl() << "\n"
        << "  OpenAI-compatible: " << server.baseUrl() << "/v1\n"
        << "  Gemini (text, Veo): " << server.baseUrl() << "\n"
        << "  fal.ai queue:       " << server.baseUrl() << "/fal\n"
        << "  ComfyUI:            " << server.baseUrl() << "/comfy\n"
        << "  /v1/videos server:  " << server.baseUrl() << "/v1" << Qt::endl;
    std::signal(SIGINT, [](int) { QCoreApplication::quit(); });
    std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
    return app.exec();
}
