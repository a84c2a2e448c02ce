#include "llmaccountcheck.h"

#include "llm/geminiprovider.h"
#include "net/httpclient.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace t2v {

Status checkLlmAccount(const Account& account, const std::optional<QString>& key,
                       const CancelToken& cancel)
{
    if (account.provider == provider::Offline)
        return {};
    QString base = account.effectiveBaseUrl();
    while (base.endsWith(u'/'))
        base.chop(1);
    HttpRequest req;
    if (account.provider == provider::Gemini) {
        if (!base.endsWith(u"/v1beta"_s))
            base += u"/v1beta"_s;
        req = HttpRequest::get(base + u"/models?pageSize=1"_s);
        if (key)
            req.headers.set("x-goog-api-key", key->toUtf8());
    } else if (account.provider == provider::OpenAi) {
        req = HttpRequest::get(base + u"/models"_s);
        if (key && !key->isEmpty())
            req.headers.set("Authorization", "Bearer " + key->toUtf8());
    } else {
        return Error::make(ErrorKind::Unsupported,
                           u"\"%1\" does not write scripts."_s.arg(account.id));
    }
    req.timeout = 30s;
    const Result<HttpResponse> r = HttpClient().send(req, cancel);
    if (!r)
        return account.provider == provider::Gemini ? GeminiProvider::classify(r.error())
                                                    : r.error();
    return {};
}

} // namespace t2v
