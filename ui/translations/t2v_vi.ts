<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>JobCounts</name>
    <message>
        <source>%1 done</source>
        <translation>%1 hoàn tất</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>%1 đang chờ</translation>
    </message>
    <message>
        <source>%1 submitting</source>
        <translation>%1 đang gửi</translation>
    </message>
    <message>
        <source>%1 submitted</source>
        <translation>%1 đã gửi</translation>
    </message>
    <message>
        <source>%1 rendering</source>
        <translation>%1 đang kết xuất</translation>
    </message>
    <message>
        <source>%1 ready</source>
        <translation>%1 sẵn sàng</translation>
    </message>
    <message>
        <source>%1 downloading</source>
        <translation>%1 đang tải</translation>
    </message>
    <message>
        <source>%1 downloaded</source>
        <translation>%1 đã tải</translation>
    </message>
    <message>
        <source>%1 finishing</source>
        <translation>%1 đang hoàn thiện</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 thất bại</translation>
    </message>
    <message>
        <source>%1 unconfirmed</source>
        <translation>%1 chưa xác nhận</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 đã hủy</translation>
    </message>
    <message>
        <source>no clips yet</source>
        <translation>chưa có clip nào</translation>
    </message>
</context>
<context>
    <name>JobState</name>
    <message>
        <source>Queued</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Submitting</source>
        <translation>Đang gửi</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Rendering</source>
        <translation>Đang kết xuất</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Đang tải</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Đã tải</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Đang hoàn thiện</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Thất bại</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation>Chưa xác nhận</translation>
    </message>
</context>
<context>
    <name>Providers</name>
    <message>
        <source>Offline draft (no AI)</source>
        <translation>Bản nháp ngoại tuyến (không dùng AI)</translation>
    </message>
    <message>
        <source>Local animatic (FFmpeg)</source>
        <translation>Animatic cục bộ (FFmpeg)</translation>
    </message>
    <message>
        <source>OpenAI-compatible chat</source>
        <translation>Chat tương thích OpenAI</translation>
    </message>
    <message>
        <source>fal.ai queue</source>
        <translation>Hàng đợi fal.ai</translation>
    </message>
    <message>
        <source>Google Gemini API (text, Veo, Omni)</source>
        <translation>Google Gemini API (văn bản, Veo, Omni)</translation>
    </message>
    <message>
        <source>ComfyUI on your GPU (workflow)</source>
        <translation>ComfyUI trên GPU của bạn (workflow)</translation>
    </message>
    <message>
        <source>Video server on your GPU (/v1/videos)</source>
        <translation>Máy chủ video trên GPU của bạn (/v1/videos)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n giây</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 phút %2 giây</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a proxy address. Use for example http://proxy.example:3128.</source>
        <translation>&quot;%1&quot; không phải là địa chỉ proxy. Ví dụ: http://proxy.example:3128.</translation>
    </message>
    <message>
        <source>The proxy scheme &quot;%1&quot; is not supported; use http, https, socks4 or socks5.</source>
        <translation>Giao thức proxy &quot;%1&quot; không được hỗ trợ; hãy dùng http, https, socks4 hoặc socks5.</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
</context>
<context>
    <name>t2v::ProjectSession</name>
    <message>
        <source>The project could not be saved: %1. Your work is kept in memory and saved as soon as possible.</source>
        <translation>Không thể lưu dự án: %1. Công việc của bạn được giữ trong bộ nhớ và sẽ được lưu ngay khi có thể.</translation>
    </message>
    <message>
        <source>Stopped; nothing was written.</source>
        <translation>Đã dừng; chưa có gì được viết.</translation>
    </message>
    <message>
        <source>Clips in progress could not be resumed: %1</source>
        <translation>Không thể tiếp tục các clip đang xử lý: %1</translation>
    </message>
    <message>
        <source>Resumed the clips that were in progress.</source>
        <translation>Đã tiếp tục các clip đang xử lý.</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>Hãy mở hoặc tạo một dự án trước.</translation>
    </message>
    <message>
        <source>Downloads finished: %1 succeeded, %2 failed.</source>
        <translation>Đã tải xong: %1 thành công, %2 thất bại.</translation>
    </message>
    <message>
        <source>Every chosen scene already has its clips.</source>
        <translation>Mọi cảnh đã chọn đều đã có clip.</translation>
    </message>
    <message>
        <source>The film is already being assembled.</source>
        <translation>Phim đang được ghép rồi.</translation>
    </message>
    <message>
        <source>%1 cannot become a clip of scene %2 (the script has %3 scenes).</source>
        <translation>%1 không thể thành clip của cảnh %2 (kịch bản có %3 cảnh).</translation>
    </message>
    <message>
        <source>Stop the script first.</source>
        <translation>Hãy dừng viết kịch bản trước.</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) of scenes the script no longer has are kept apart in the Videos tab.</source>
        <translation>
            <numerusform>%n clip của các cảnh mà kịch bản không còn nữa được giữ riêng trong thẻ Video.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your price table is not used: %1</source>
        <translation>Bảng giá của bạn không được dùng: %1</translation>
    </message>
    <message>
        <source>The spend record: %1</source>
        <translation>Sổ chi tiêu: %1</translation>
    </message>
</context>
<context>
    <name>t2v::ui::AccountEditDialog</name>
    <message>
        <source>Edit account</source>
        <translation>Sửa tài khoản</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Thêm tài khoản</translation>
    </message>
    <message>
        <source>short id, e.g. gemini-main</source>
        <translation>ID ngắn, ví dụ gemini-main</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Tự động</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Không gửi</translation>
    </message>
    <message>
        <source>System keychain</source>
        <translation>Kho khóa của hệ thống</translation>
    </message>
    <message>
        <source>Secrets file (owner-only, in the config folder)</source>
        <translation>Tệp bí mật (chỉ chủ sở hữu truy cập, trong thư mục cấu hình)</translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation>&amp;Dịch vụ</translation>
    </message>
    <message>
        <source>&amp;Id</source>
        <translation>&amp;ID</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Tên</translation>
    </message>
    <message>
        <source>Base &amp;URL</source>
        <translation>&amp;URL gốc</translation>
    </message>
    <message>
        <source>Text &amp;model</source>
        <translation>Mô hình văn &amp;bản</translation>
    </message>
    <message>
        <source>&amp;Video model</source>
        <translation>Mô hình &amp;video</translation>
    </message>
    <message>
        <source>Max &amp;jobs at once</source>
        <translation>&amp;Số tác vụ đồng thời tối đa</translation>
    </message>
    <message>
        <source>&amp;Requests per minute</source>
        <translation>Số &amp;yêu cầu mỗi phút</translation>
    </message>
    <message>
        <source>&amp;Token limit field</source>
        <translation>Trường &amp;giới hạn token</translation>
    </message>
    <message>
        <source>&amp;Person generation</source>
        <translation>Tạo hình &amp;người</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>&amp;Khóa API</translation>
    </message>
    <message>
        <source>Keep the key in</source>
        <translation>Lưu khóa trong</translation>
    </message>
    <message>
        <source>A key is stored (%1). Type a new one to replace it.</source>
        <translation>Đã lưu một khóa (%1). Nhập khóa mới để thay thế.</translation>
    </message>
    <message>
        <source>No key is stored.</source>
        <translation>Chưa lưu khóa nào.</translation>
    </message>
    <message>
        <source>•••••••• (unchanged)</source>
        <translation>•••••••• (không đổi)</translation>
    </message>
    <message>
        <source>paste the key</source>
        <translation>dán khóa vào đây</translation>
    </message>
    <message>
        <source>This service needs an API key.</source>
        <translation>Dịch vụ này cần khóa API.</translation>
    </message>
    <message>
        <source>No deadline</source>
        <translation>Không giới hạn</translation>
    </message>
    <message>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>How long a request may wait in the service&apos;s queue before it is given up, unbilled.</source>
        <translation>Thời gian một yêu cầu được chờ trong hàng đợi của dịch vụ trước khi bị hủy, không tính phí.</translation>
    </message>
    <message>
        <source>The service&apos;s default</source>
        <translation>Mặc định của dịch vụ</translation>
    </message>
    <message>
        <source> h</source>
        <translation> giờ</translation>
    </message>
    <message>
        <source>How long the service keeps finished clips for download.</source>
        <translation>Thời gian dịch vụ giữ các clip đã xong để tải về.</translation>
    </message>
    <message>
        <source>Start &amp;deadline</source>
        <translation>&amp;Hạn bắt đầu</translation>
    </message>
    <message>
        <source>Keep res&amp;ults for</source>
        <translation>&amp;Giữ kết quả trong</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Choose from the models this account&apos;s key can use</source>
        <translation>Chọn trong các mô hình mà khóa của tài khoản này dùng được</translation>
    </message>
    <message>
        <source>optional: the Google Cloud project of the key</source>
        <translation>không bắt buộc: dự án Google Cloud của khóa</translation>
    </message>
    <message>
        <source>Accounts with the same quota group share one set of limits: requests per minute, jobs at once and waits after &quot;too many requests&quot;. Google counts limits per Cloud project, so several keys of one project add no quota.</source>
        <translation>Các tài khoản cùng nhóm hạn mức dùng chung một bộ giới hạn: số yêu cầu mỗi phút, số việc cùng lúc và thời gian chờ sau &quot;quá nhiều yêu cầu&quot;. Google tính giới hạn theo dự án Cloud, nên nhiều khóa của cùng một dự án không có thêm hạn mức.</translation>
    </message>
    <message>
        <source>&amp;Quota group</source>
        <translation>Nhóm &amp;hạn mức</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) listed by the service on %1.</source>
        <translation>
            <numerusform>Dịch vụ đã liệt kê %n mô hình vào %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Automatic (the first preferred model it serves)</source>
        <translation>Tự động (mô hình ưu tiên đầu tiên mà dịch vụ cung cấp)</translation>
    </message>
    <message>
        <source>Served to this key</source>
        <translation>Khóa này dùng được</translation>
    </message>
    <message>
        <source>Known models (not yet asked)</source>
        <translation>Các mô hình đã biết (chưa hỏi dịch vụ)</translation>
    </message>
    <message>
        <source>Ask the service again</source>
        <translation>Hỏi lại dịch vụ</translation>
    </message>
    <message>
        <source>Save the account with its key first.</source>
        <translation>Hãy lưu tài khoản cùng khóa trước.</translation>
    </message>
    <message>
        <source>Asking the service for its models...</source>
        <translation>Đang hỏi dịch vụ danh sách mô hình...</translation>
    </message>
    <message>
        <source>The models could not be listed: %1</source>
        <translation>Không lấy được danh sách mô hình: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) listed by the service just now.</source>
        <translation>
            <numerusform>Dịch vụ vừa liệt kê %n mô hình.</numerusform>
        </translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>không giới hạn</translation>
    </message>
    <message>
        <source>The most this account may spend per day, over every project. Clips that would go over it wait, with the reason, until the next day or until it is raised.</source>
        <translation>Số tiền tối đa tài khoản này được chi mỗi ngày, trên mọi dự án. Các clip vượt quá sẽ chờ, kèm lý do, đến ngày hôm sau hoặc đến khi mức này được nâng lên.</translation>
    </message>
    <message>
        <source>Dollars per 10 minutes, as Gemini tiers allow (the lowest of a quota group applies to the group). Requests are paced to it instead of running into &quot;too many requests&quot;.</source>
        <translation>Số đô la mỗi 10 phút, theo hạn mức của Gemini (mức thấp nhất trong nhóm hạn ngạch áp dụng cho cả nhóm). Các yêu cầu được giãn nhịp theo mức này thay vì gặp lỗi &quot;quá nhiều yêu cầu&quot;.</translation>
    </message>
    <message>
        <source>Daily &amp;budget</source>
        <translation>Ngân sách mỗi &amp;ngày</translation>
    </message>
    <message>
        <source>Spend per 10 m&amp;inutes</source>
        <translation>Chi tiêu mỗi 10 &amp;phút</translation>
    </message>
    <message>
        <source>Choose a workflow file...</source>
        <translation>Chọn tệp workflow...</translation>
    </message>
    <message>
        <source>ComfyUI workflow (API format)</source>
        <translation>Workflow ComfyUI (định dạng API)</translation>
    </message>
    <message>
        <source>Workflows (*.json)</source>
        <translation>Workflow (*.json)</translation>
    </message>
    <message>
        <source>The model that draws the characters&apos; reference images</source>
        <translation>Mô hình vẽ ảnh tham chiếu của các nhân vật</translation>
    </message>
    <message>
        <source>&amp;Image model</source>
        <translation>Mô hình ả&amp;nh</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>mặc định: %1</translation>
    </message>
</context>
<context>
    <name>t2v::ui::AccountTableModel</name>
    <message>
        <source>not needed</source>
        <translation>không cần</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>thiếu</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>biến môi trường</translation>
    </message>
    <message>
        <source>keychain</source>
        <translation>kho khóa</translation>
    </message>
    <message>
        <source>secrets file</source>
        <translation>tệp bí mật</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dịch vụ</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Jobs / per minute</source>
        <translation>Tác vụ / mỗi phút</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Khóa</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Bật</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>t2v::ui::AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Thêm…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Sửa…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Kiểm tra</translation>
    </message>
    <message>
        <source>Keys are never stored in the accounts file. They come from T2V_KEY_&lt;ID&gt; environment variables, the system keychain, or an owner-only secrets file.</source>
        <translation>Khóa không bao giờ được lưu trong tệp tài khoản. Khóa được lấy từ biến môi trường T2V_KEY_&lt;ID&gt;, kho khóa của hệ thống hoặc một tệp bí mật chỉ chủ sở hữu truy cập được.</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Xóa tài khoản</translation>
    </message>
    <message>
        <source>Remove &quot;%1&quot; and its stored key? Jobs it created can no longer be checked or downloaded.</source>
        <translation>Xóa &quot;%1&quot; và khóa đã lưu của nó? Các tác vụ do tài khoản này tạo sẽ không thể kiểm tra hay tải xuống được nữa.</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Đang kiểm tra %1…</translation>
    </message>
    <message>
        <source>%1: ok</source>
        <translation>%1: OK</translation>
    </message>
    <message>
        <source>%1: bad key — %2</source>
        <translation>%1: khóa không hợp lệ — %2</translation>
    </message>
    <message>
        <source>%1: unreachable — %2</source>
        <translation>%1: không kết nối được — %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>t2v::ui::CharacterBibleDialog</name>
    <message>
        <source>Each character&apos;s appearance is added to every video prompt the character is in, so they look the same in every shot. Describe hair, eyes, build and clothing.</source>
        <translation>Ngoại hình của mỗi nhân vật được thêm vào mọi lời nhắc video có nhân vật đó, để nhân vật trông giống nhau ở mọi cảnh quay. Hãy mô tả tóc, mắt, vóc dáng và trang phục.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Ngoại hình</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Giọng nói</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Thêm</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Xóa</translation>
    </message>
    <message>
        <source>Two characters are called &quot;%1&quot;.</source>
        <translation>Có hai nhân vật cùng tên &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Nhân vật</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reference images&lt;/b&gt; go with every clip the character is in (at most 3 per clip), to services that take them.</source>
        <translation>&lt;b&gt;Ảnh tham chiếu&lt;/b&gt; được gửi kèm mọi clip có nhân vật (tối đa 3 ảnh mỗi clip), tới các dịch vụ nhận ảnh.</translation>
    </message>
    <message>
        <source>The account that draws the images. &quot;Local animatic&quot; draws offline cards with FFmpeg, free.</source>
        <translation>Tài khoản vẽ ảnh. &quot;Local animatic&quot; vẽ thẻ ngoại tuyến bằng FFmpeg, miễn phí.</translation>
    </message>
    <message>
        <source>&amp;Make images</source>
        <translation>&amp;Tạo ảnh</translation>
    </message>
    <message>
        <source>&amp;Import...</source>
        <translation>&amp;Nhập...</translation>
    </message>
    <message>
        <source>Use the &amp;new images</source>
        <translation>Dùng ảnh &amp;mới</translation>
    </message>
    <message>
        <source>&amp;Discard the new images</source>
        <translation>&amp;Bỏ ảnh mới</translation>
    </message>
    <message>
        <source>The new images cannot be used</source>
        <translation>Không thể dùng ảnh mới</translation>
    </message>
    <message>
        <source>The new images cannot be discarded</source>
        <translation>Không thể bỏ ảnh mới</translation>
    </message>
    <message>
        <source>No image for %1: %2</source>
        <translation>Không có ảnh cho %1: %2</translation>
    </message>
    <message>
        <source>A new character gets images once the bible is saved.</source>
        <translation>Nhân vật mới có ảnh sau khi lưu danh sách nhân vật.</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>đang dùng</translation>
    </message>
    <message>
        <source>waiting for approval</source>
        <translation>chờ duyệt</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>thiếu: %1</translation>
    </message>
    <message>
        <source>Making images...</source>
        <translation>Đang tạo ảnh...</translation>
    </message>
    <message>
        <source>%1 has no reference images yet.</source>
        <translation>%1 chưa có ảnh tham chiếu.</translation>
    </message>
    <message>
        <source>%1 in use, %2 waiting for approval.</source>
        <translation>%1 đang dùng, %2 chờ duyệt.</translation>
    </message>
    <message>
        <source>%1 in use.</source>
        <translation>%1 đang dùng.</translation>
    </message>
    <message>
        <source>No images can be made</source>
        <translation>Không thể tạo ảnh</translation>
    </message>
    <message>
        <source>Reference image of %1</source>
        <translation>Ảnh tham chiếu của %1</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation>Ảnh (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
    <message>
        <source>The image cannot be used</source>
        <translation>Không thể dùng ảnh này</translation>
    </message>
</context>
<context>
    <name>t2v::ui::FinalPanel</name>
    <message>
        <source>None</source>
        <translation>Không</translation>
    </message>
    <message>
        <source>Soft (a subtitle track)</source>
        <translation>Mềm (một rãnh phụ đề riêng)</translation>
    </message>
    <message>
        <source>Burned into the picture</source>
        <translation>Gắn cứng vào hình</translation>
    </message>
    <message>
        <source>Cuts</source>
        <translation>Cắt thẳng</translation>
    </message>
    <message>
        <source>Fades</source>
        <translation>Chuyển mờ</translation>
    </message>
    <message>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>no music</source>
        <translation>không có nhạc</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Du&amp;yệt…</translation>
    </message>
    <message>
        <source>Music volume (1 = as recorded)</source>
        <translation>Âm lượng nhạc (1 = như bản ghi gốc)</translation>
    </message>
    <message>
        <source>&amp;Subtitles</source>
        <translation>&amp;Phụ đề</translation>
    </message>
    <message>
        <source>Fade length</source>
        <translation>Độ dài chuyển mờ</translation>
    </message>
    <message>
        <source>&amp;Between scenes</source>
        <translation>Giữa &amp;các cảnh</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Âm lượng</translation>
    </message>
    <message>
        <source>&amp;Music</source>
        <translation>&amp;Nhạc</translation>
    </message>
    <message>
        <source>&amp;Assemble the film</source>
        <translation>&amp;Ghép thành phim</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Dừng</translation>
    </message>
    <message>
        <source>&amp;Export script files</source>
        <translation>&amp;Xuất tệp kịch bản</translation>
    </message>
    <message>
        <source>Screenplay, subtitles, prompts CSV, script JSON and an EDL, in exports/</source>
        <translation>Kịch bản phim, phụ đề, CSV lời nhắc, JSON kịch bản và một EDL, trong exports/</translation>
    </message>
    <message>
        <source>&amp;Open film</source>
        <translation>&amp;Mở phim</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>Hiện trong &amp;thư mục</translation>
    </message>
    <message>
        <source>The clip of each scene that goes into the film (choose another variant in the Videos tab):</source>
        <translation>Clip của từng cảnh được đưa vào phim (chọn biến thể khác trong thẻ Video):</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>Nhạc</translation>
    </message>
    <message>
        <source>Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.flac);;All files (*)</source>
        <translation>Âm thanh (*.mp3 *.wav *.m4a *.aac *.ogg *.flac);;Tất cả tệp (*)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) in %1</source>
        <translation>
            <numerusform>Đã ghi %n tệp vào %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The film is ready: %1 (%2 s). The exports are in exports/.</source>
        <translation>Phim đã sẵn sàng: %1 (%2 giây). Các tệp xuất nằm trong exports/.</translation>
    </message>
    <message>
        <source>Last film: %1</source>
        <translation>Phim gần nhất: %1</translation>
    </message>
    <message>
        <source>no preview</source>
        <translation>không có bản xem trước</translation>
    </message>
    <message>
        <source>no clip yet</source>
        <translation>chưa có clip</translation>
    </message>
    <message>
        <source>Scene %1 · v%2</source>
        <translation>Cảnh %1 · v%2</translation>
    </message>
    <message>
        <source>Scene %1</source>
        <translation>Cảnh %1</translation>
    </message>
    <message>
        <source>Assemble</source>
        <translation>Ghép phim</translation>
    </message>
    <message>
        <source>Assembling…</source>
        <translation>Đang ghép…</translation>
    </message>
</context>
<context>
    <name>t2v::ui::JobTableModel</name>
    <message>
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <source>Scene</source>
        <translation>Cảnh</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Biến thể</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>%1 ✓</source>
        <translation>%1 ✓</translation>
    </message>
    <message>
        <source>(any)</source>
        <translation>(bất kỳ)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>rendering %1%</source>
        <translation>đang kết xuất %1%</translation>
    </message>
    <message>
        <source>rendering</source>
        <translation>đang kết xuất</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>(was %1)</source>
        <translation>(trước là %1)</translation>
    </message>
    <message>
        <source>Made for scene %1 of an earlier version of the script. Right-click to use it for a scene or delete it.

%2</source>
        <translation>Được làm cho cảnh %1 của một phiên bản kịch bản trước. Nhấp chuột phải để dùng nó cho một cảnh hoặc xóa nó.

%2</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Chi phí</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>không rõ</translation>
    </message>
    <message>
        <source>free</source>
        <translation>miễn phí</translation>
    </message>
    <message>
        <source>%1 on %2 with %3: %4</source>
        <translation>%1 trên %2 với %3: %4</translation>
    </message>
    <message>
        <source>unknown price</source>
        <translation>giá không rõ</translation>
    </message>
    <message>
        <source>Nothing was bought for this clip.</source>
        <translation>Chưa mua gì cho clip này.</translation>
    </message>
    <message>
        <source>What this clip may have cost (each request sent):
%1</source>
        <translation>Chi phí có thể của clip này (mỗi yêu cầu đã gửi):
%1</translation>
    </message>
</context>
<context>
    <name>t2v::ui::LogDock</name>
    <message>
        <source>Log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <source>Debug and up</source>
        <translation>Gỡ lỗi trở lên</translation>
    </message>
    <message>
        <source>Info and up</source>
        <translation>Thông tin trở lên</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Cảnh báo và lỗi</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>All subsystems</source>
        <translation>Tất cả phân hệ</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Hiển thị</translation>
    </message>
</context>
<context>
    <name>t2v::ui::LogModel</name>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Mức</translation>
    </message>
    <message>
        <source>Subsystem</source>
        <translation>Phân hệ</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Thông báo</translation>
    </message>
</context>
<context>
    <name>t2v::ui::MainWindow</name>
    <message>
        <source>&amp;Script</source>
        <translation>&amp;Kịch bản</translation>
    </message>
    <message>
        <source>&amp;Videos</source>
        <translation>&amp;Video</translation>
    </message>
    <message>
        <source>&amp;Final</source>
        <translation>Thành &amp;phẩm</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>&amp;Dự án mới…</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>&amp;Mở dự án…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Mở &amp;gần đây</translation>
    </message>
    <message>
        <source>Show Project &amp;Folder</source>
        <translation>Hiện &amp;thư mục dự án</translation>
    </message>
    <message>
        <source>&amp;Export Script Files</source>
        <translation>&amp;Xuất tệp kịch bản</translation>
    </message>
    <message>
        <source>Screenplay, subtitles, prompts CSV, script JSON and EDL in exports/</source>
        <translation>Kịch bản phim, phụ đề, CSV lời nhắc, JSON kịch bản và EDL trong exports/</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>Đó&amp;ng dự án</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Công cụ</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Tài khoản…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Nhật ký</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;About T2V Studio</source>
        <translation>&amp;Giới thiệu T2V Studio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Giới thiệu &amp;Qt</translation>
    </message>
    <message>
        <source>&lt;h1&gt;T2V Studio&lt;/h1&gt;&lt;p&gt;From an idea to a long video: a scene-by-scene script, clips rendered across your accounts, one film.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;T2V Studio&lt;/h1&gt;&lt;p&gt;Từ một ý tưởng đến một video dài: kịch bản từng cảnh, các clip được kết xuất trên các tài khoản của bạn, thành một bộ phim.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Without an account the offline writer and the local animatic renderer make a complete draft film. Add Gemini, fal.ai or OpenAI-compatible accounts in Tools → Accounts.</source>
        <translation>Không cần tài khoản, trình viết ngoại tuyến và trình kết xuất animatic cục bộ vẫn tạo được một bản phim nháp hoàn chỉnh. Thêm tài khoản Gemini, fal.ai hoặc tương thích OpenAI trong Công cụ → Tài khoản.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent projects&lt;/b&gt;</source>
        <translation>&lt;b&gt;Dự án gần đây&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (không tìm thấy)</translation>
    </message>
    <message>
        <source>No recent projects yet.</source>
        <translation>Chưa có dự án gần đây.</translation>
    </message>
    <message>
        <source>T2V Studio</source>
        <translation>T2V Studio</translation>
    </message>
    <message>
        <source>%1 — T2V Studio</source>
        <translation>%1 — T2V Studio</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Chưa mở dự án nào.</translation>
    </message>
    <message>
        <source>Script %1/%2 scenes · Clips %3/%4</source>
        <translation>Kịch bản %1/%2 cảnh · Clip %3/%4</translation>
    </message>
    <message numerus="yes">
        <source> · %n failed</source>
        <translation>
            <numerusform> · %n thất bại</numerusform>
        </translation>
    </message>
    <message>
        <source>Assembling the film…</source>
        <translation>Đang ghép phim…</translation>
    </message>
    <message>
        <source>Writing the script: %1/%2 scenes</source>
        <translation>Đang viết kịch bản: %1/%2 cảnh</translation>
    </message>
    <message>
        <source>Making clips: %1 of %2 done, %3 in progress</source>
        <translation>Đang tạo clip: xong %1/%2, %3 đang xử lý</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>Dự án mới</translation>
    </message>
    <message>
        <source>Open Project Folder</source>
        <translation>Mở thư mục dự án</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Mở dự án</translation>
    </message>
    <message>
        <source>%1

The previous save, %2, is intact. Open it instead? The damaged file is kept beside it.</source>
        <translation>%1

Bản lưu trước đó, %2, vẫn còn nguyên vẹn. Mở bản đó thay thế? Tệp bị hỏng vẫn được giữ lại bên cạnh.</translation>
    </message>
    <message>
        <source>Opened the backup copy of the project.</source>
        <translation>Đã mở bản sao lưu của dự án.</translation>
    </message>
    <message>
        <source>About T2V Studio</source>
        <translation>Giới thiệu T2V Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;T2V Studio %1&lt;/h3&gt;&lt;p&gt;Long AI videos from an idea: a scene-by-scene script written in ordered batches, clips rendered across several accounts, one film.&lt;/p&gt;&lt;p&gt;Settings and accounts: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;T2V Studio %1&lt;/h3&gt;&lt;p&gt;Video AI dài từ một ý tưởng: kịch bản từng cảnh được viết theo các lô có thứ tự, các clip được kết xuất trên nhiều tài khoản, thành một bộ phim.&lt;/p&gt;&lt;p&gt;Cài đặt và tài khoản: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Xuất</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) in %1</source>
        <translation>
            <numerusform>Đã ghi %n tệp vào %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit T2V Studio?</source>
        <translation>Thoát T2V Studio?</translation>
    </message>
    <message>
        <source>Work is still running. Every finished scene and clip is saved. Clips that are rendering on a service keep rendering there and are fetched when you open the project again; scenes being written now are written again on Resume.

Quit now?</source>
        <translation>Công việc vẫn đang chạy. Mọi cảnh và clip đã hoàn tất đều được lưu. Các clip đang kết xuất trên dịch vụ sẽ tiếp tục kết xuất ở đó và được tải về khi bạn mở lại dự án; các cảnh đang viết dở sẽ được viết lại khi bấm Tiếp tục.

Thoát ngay?</translation>
    </message>
    <message>
        <source>What this project&apos;s clips may have cost (every request that may be billed), and today&apos;s part of it. Prices come from the price table (Settings).</source>
        <translation>Chi phí có thể của các clip trong dự án này (mọi yêu cầu có thể bị tính tiền), và phần của hôm nay. Giá lấy từ bảng giá (Cài đặt).</translation>
    </message>
    <message>
        <source>Spent %1 · today %2</source>
        <translation>Đã chi %1 · hôm nay %2</translation>
    </message>
    <message>
        <source>Story&amp;board</source>
        <translation>&amp;Bảng phân cảnh</translation>
    </message>
</context>
<context>
    <name>t2v::ui::ModelSuggestions</name>
    <message>
        <source>Empty: each account&apos;s own model.</source>
        <translation>Để trống: mô hình riêng của từng tài khoản.</translation>
    </message>
    <message>
        <source>Empty: each account&apos;s own model. Models these accounts can use: %1</source>
        <translation>Để trống: mô hình riêng của từng tài khoản. Các mô hình mà những tài khoản này dùng được: %1</translation>
    </message>
</context>
<context>
    <name>t2v::ui::NewProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation>Dự án mới</translation>
    </message>
    <message>
        <source>My film</source>
        <translation>Phim của tôi</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Duyệt…</translation>
    </message>
    <message>
        <source>Optional: the idea for the script. You can write it later in the Script tab.</source>
        <translation>Không bắt buộc: ý tưởng cho kịch bản. Bạn có thể viết sau trong thẻ Kịch bản.</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Tên</translation>
    </message>
    <message>
        <source>&amp;In folder</source>
        <translation>Trong thư &amp;mục</translation>
    </message>
    <message>
        <source>I&amp;dea</source>
        <translation>Ý tưở&amp;ng</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Tạo</translation>
    </message>
    <message>
        <source>Folder for the new project</source>
        <translation>Thư mục cho dự án mới</translation>
    </message>
    <message>
        <source>Give the project a name.</source>
        <translation>Hãy đặt tên cho dự án.</translation>
    </message>
    <message>
        <source>Choose the folder that holds the project.</source>
        <translation>Chọn thư mục chứa dự án.</translation>
    </message>
    <message>
        <source>The name needs at least one letter or digit.</source>
        <translation>Tên cần có ít nhất một chữ cái hoặc chữ số.</translation>
    </message>
    <message>
        <source>%1 already exists and is not empty.</source>
        <translation>%1 đã tồn tại và không trống.</translation>
    </message>
    <message>
        <source>The project will be created in %1</source>
        <translation>Dự án sẽ được tạo trong %1</translation>
    </message>
</context>
<context>
    <name>t2v::ui::SceneTableModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Beat</source>
        <translation>Tình tiết</translation>
    </message>
    <message>
        <source>Narration</source>
        <translation>Lời dẫn</translation>
    </message>
    <message>
        <source>Visual prompt</source>
        <translation>Lời nhắc hình ảnh</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Nhân vật</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Máy quay</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Giây</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Đang viết…</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Đã viết</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Đã sửa</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Thất bại</translation>
    </message>
</context>
<context>
    <name>t2v::ui::ScriptPanel</name>
    <message>
        <source>Describe the video: what happens, who is in it, how it should feel.</source>
        <translation>Mô tả video: chuyện gì xảy ra, có những ai, mang cảm giác như thế nào.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>16:9 landscape</source>
        <translation>16:9 ngang</translation>
    </message>
    <message>
        <source>9:16 portrait</source>
        <translation>9:16 dọc</translation>
    </message>
    <message>
        <source>1:1 square</source>
        <translation>1:1 vuông</translation>
    </message>
    <message>
        <source>account&apos;s model</source>
        <translation>mô hình của tài khoản</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Theo lô</translation>
    </message>
    <message>
        <source>Rolling</source>
        <translation>Cuốn chiếu</translation>
    </message>
    <message>
        <source>One at a time</source>
        <translation>Từng cảnh một</translation>
    </message>
    <message>
        <source>&amp;Idea</source>
        <translation>Ý &amp;tưởng</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Aspect</source>
        <translation>&amp;Khung hình</translation>
    </message>
    <message>
        <source>&amp;Style</source>
        <translation>Phon&amp;g cách</translation>
    </message>
    <message>
        <source>Scene &amp;length</source>
        <translation>Độ dài &amp;cảnh</translation>
    </message>
    <message>
        <source>&amp;Duration</source>
        <translation>T&amp;hời lượng</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>&amp;Lô</translation>
    </message>
    <message>
        <source>&amp;Writer</source>
        <translation>T&amp;rình viết</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>Tạ&amp;o</translation>
    </message>
    <message>
        <source>Write a new script for this idea (Ctrl+Return)</source>
        <translation>Viết kịch bản mới cho ý tưởng này (Ctrl+Return)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Dừng</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>Tiế&amp;p tục</translation>
    </message>
    <message>
        <source>Write only the scenes that are missing</source>
        <translation>Chỉ viết các cảnh còn thiếu</translation>
    </message>
    <message>
        <source>Re&amp;write selected</source>
        <translation>V&amp;iết lại cảnh đã chọn</translation>
    </message>
    <message>
        <source>C&amp;haracters…</source>
        <translation>Nhân &amp;vật…</translation>
    </message>
    <message>
        <source>Filter scenes…</source>
        <translation>Lọc cảnh…</translation>
    </message>
    <message>
        <source>Interrupted: %1 — Resume continues with the missing scenes.</source>
        <translation>Bị gián đoạn: %1 — bấm Tiếp tục để viết các cảnh còn thiếu.</translation>
    </message>
    <message>
        <source>The script cannot be written</source>
        <translation>Không thể viết kịch bản</translation>
    </message>
    <message numerus="yes">
        <source>%n scene(s), %1</source>
        <translation>
            <numerusform>%n cảnh, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Planning the film…</source>
        <translation>Đang lên dàn ý phim…</translation>
    </message>
    <message>
        <source>Batch %1 of %2 · %3/%4 scenes</source>
        <translation>Lô %1/%2 · %3/%4 cảnh</translation>
    </message>
    <message>
        <source> · about %1 left</source>
        <translation> · còn khoảng %1</translation>
    </message>
    <message>
        <source>No script yet.</source>
        <translation>Chưa có kịch bản.</translation>
    </message>
    <message>
        <source>%1/%2 scenes written</source>
        <translation>Đã viết %1/%2 cảnh</translation>
    </message>
    <message>
        <source>Write a new script?</source>
        <translation>Viết kịch bản mới?</translation>
    </message>
    <message numerus="yes">
        <source>This replaces the %n scene(s) already written.</source>
        <translation>
            <numerusform>Thao tác này sẽ thay thế %n cảnh đã viết.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
    </message>
    <message>
        <source>The script cannot be resumed</source>
        <translation>Không thể tiếp tục viết kịch bản</translation>
    </message>
    <message>
        <source>Rewrite scenes</source>
        <translation>Viết lại cảnh</translation>
    </message>
    <message numerus="yes">
        <source>Rewrite %n scene(s). A note for the writer (optional):</source>
        <translation>
            <numerusform>Viết lại %n cảnh. Ghi chú cho người viết (không bắt buộc):</numerusform>
        </translation>
    </message>
    <message>
        <source>The scenes cannot be rewritten</source>
        <translation>Không thể viết lại các cảnh</translation>
    </message>
    <message>
        <source>Re&amp;write selected…</source>
        <translation>V&amp;iết lại cảnh đã chọn…</translation>
    </message>
    <message>
        <source>Make &amp;clips of the selected scenes</source>
        <translation>&amp;Tạo clip cho các cảnh đã chọn</translation>
    </message>
    <message numerus="yes">
        <source>The film will have %n scene(s).</source>
        <translation>
            <numerusform>Phim sẽ có %n cảnh.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n written scene(s) at the end will be removed.</source>
        <translation>
            <numerusform>%n cảnh đã viết ở cuối sẽ bị xóa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Their %n clip(s) are kept apart in the Videos tab, where you can still use or delete them.</source>
        <translation>
            <numerusform>%n clip của chúng được giữ riêng trong thẻ Video, nơi bạn vẫn có thể dùng hoặc xóa chúng.</numerusform>
        </translation>
    </message>
    <message>
        <source>Change the length of the film?</source>
        <translation>Thay đổi độ dài của phim?</translation>
    </message>
    <message>
        <source>The length cannot be changed</source>
        <translation>Không thể thay đổi độ dài</translation>
    </message>
    <message numerus="yes">
        <source>Their %n clip(s) are kept apart in the Videos tab.</source>
        <translation>
            <numerusform>%n clip của chúng được giữ riêng trong thẻ Video.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>t2v::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Ngôn ngữ hệ thống</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Theo hệ thống</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Sáng</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Tối</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Duyệt…</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Chung</translation>
    </message>
    <message>
        <source>Interface &amp;language</source>
        <translation>&amp;Ngôn ngữ giao diện</translation>
    </message>
    <message>
        <source>A new language applies the next time T2V Studio starts.</source>
        <translation>Ngôn ngữ mới sẽ được áp dụng vào lần khởi động T2V Studio tiếp theo.</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Chủ đề</translation>
    </message>
    <message>
        <source>&amp;Projects folder</source>
        <translation>Thư mục &amp;dự án</translation>
    </message>
    <message>
        <source>search $T2V_FFMPEG and PATH</source>
        <translation>tìm trong $T2V_FFMPEG và PATH</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Kiểm tra</translation>
    </message>
    <message>
        <source>from the environment (http_proxy, https_proxy)</source>
        <translation>lấy từ biến môi trường (http_proxy, https_proxy)</translation>
    </message>
    <message>
        <source>Empty: use the proxy environment variables. &quot;direct&quot;: no proxy. Otherwise a URL such as http://proxy.example:3128 or socks5h://127.0.0.1:1080.</source>
        <translation>Để trống: dùng các biến môi trường proxy. &quot;direct&quot;: không dùng proxy. Ngoài ra, nhập một URL như http://proxy.example:3128 hoặc socks5h://127.0.0.1:1080.</translation>
    </message>
    <message>
        <source>Tools and network</source>
        <translation>Công cụ và mạng</translation>
    </message>
    <message>
        <source>&amp;FFmpeg</source>
        <translation>&amp;FFmpeg</translation>
    </message>
    <message>
        <source>P&amp;roxy</source>
        <translation>P&amp;roxy</translation>
    </message>
    <message>
        <source>How many scenes are written at once for new projects.</source>
        <translation>Số cảnh được viết cùng lúc cho các dự án mới.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>How often a rendering clip is checked. Longer intervals use less of each account&apos;s request budget.</source>
        <translation>Tần suất kiểm tra một clip đang kết xuất. Khoảng cách dài hơn sẽ tốn ít hạn mức yêu cầu của mỗi tài khoản hơn.</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Mặc định</translation>
    </message>
    <message>
        <source>Scenes per &amp;batch</source>
        <translation>Số cảnh mỗi &amp;lô</translation>
    </message>
    <message>
        <source>Parallel &amp;downloads</source>
        <translation>Số lượt tải &amp;song song</translation>
    </message>
    <message>
        <source>&amp;Poll interval</source>
        <translation>Chu kỳ kiểm &amp;tra</translation>
    </message>
    <message>
        <source>Projects folder</source>
        <translation>Thư mục dự án</translation>
    </message>
    <message>
        <source>FFmpeg program</source>
        <translation>Chương trình FFmpeg</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>every paid run</source>
        <translation>mọi lần chạy trả phí</translation>
    </message>
    <message>
        <source>Make clips asks first when the estimate is above this amount or when a price is unknown (t2v render asks too; --yes skips it).</source>
        <translation>Tạo clip sẽ hỏi trước khi ước tính vượt quá số tiền này hoặc khi không rõ giá (t2v render cũng hỏi; --yes bỏ qua).</translation>
    </message>
    <message>
        <source>&amp;Edit prices…</source>
        <translation>&amp;Sửa bảng giá…</translation>
    </message>
    <message>
        <source>Prices change: your own prices.json in the settings folder comes before the shipped table. It is made from the shipped table the first time.</source>
        <translation>Giá thay đổi: tệp prices.json của bạn trong thư mục cài đặt được ưu tiên hơn bảng giá đi kèm. Lần đầu nó được tạo từ bảng giá đi kèm.</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Chi phí</translation>
    </message>
    <message>
        <source>&amp;Ask before runs over</source>
        <translation>&amp;Hỏi trước khi chạy quá</translation>
    </message>
    <message>
        <source>Price table</source>
        <translation>Bảng giá</translation>
    </message>
    <message>
        <source>Your table is not used: %1</source>
        <translation>Bảng giá của bạn không được dùng: %1</translation>
    </message>
    <message>
        <source>Your table %1 comes first, then the shipped one.</source>
        <translation>Bảng giá %1 của bạn được dùng trước, sau đó là bảng đi kèm.</translation>
    </message>
    <message>
        <source>The shipped prices are used (checked on the date each entry names).</source>
        <translation>Dùng giá đi kèm (đã kiểm tra vào ngày ghi ở từng mục).</translation>
    </message>
</context>
<context>
    <name>t2v::ui::StoryboardModel</name>
    <message>
        <source>Not written</source>
        <translation>Chưa viết</translation>
    </message>
    <message>
        <source>No clip</source>
        <translation>Chưa có clip</translation>
    </message>
    <message>
        <source>%1 %2%</source>
        <translation>%1 %2%</translation>
    </message>
</context>
<context>
    <name>t2v::ui::StoryboardPanel</name>
    <message>
        <source>No picture yet</source>
        <translation>Chưa có hình</translation>
    </message>
    <message>
        <source>new keyframe</source>
        <translation>khung hình mới</translation>
    </message>
    <message>
        <source>Scene %1</source>
        <translation>Cảnh %1</translation>
    </message>
    <message>
        <source>Draw &amp;keyframes</source>
        <translation>Vẽ &amp;khung hình đầu</translation>
    </message>
    <message>
        <source>A first frame for each selected scene (every scene when none is selected), drawn with its characters&apos; reference images</source>
        <translation>Khung hình đầu cho mỗi cảnh được chọn (mọi cảnh nếu không chọn cảnh nào), vẽ theo ảnh tham chiếu của các nhân vật</translation>
    </message>
    <message>
        <source>Make &amp;clips of the selected scenes</source>
        <translation>Tạo &amp;clip cho các cảnh được chọn</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Keyframes by</source>
        <translation>Vẽ khung hình bằng</translation>
    </message>
    <message>
        <source>No keyframes can be drawn</source>
        <translation>Không thể vẽ khung hình</translation>
    </message>
    <message>
        <source>Drawing keyframes...</source>
        <translation>Đang vẽ khung hình...</translation>
    </message>
    <message>
        <source>The clips cannot be retried</source>
        <translation>Không thể thử lại các clip</translation>
    </message>
    <message>
        <source>Make clips of the selected scenes</source>
        <translation>Tạo clip cho các cảnh được chọn</translation>
    </message>
    <message>
        <source>Draw new keyframes</source>
        <translation>Vẽ khung hình mới</translation>
    </message>
    <message>
        <source>Use the new keyframes</source>
        <translation>Dùng khung hình mới</translation>
    </message>
    <message>
        <source>Retry failed clips</source>
        <translation>Thử lại các clip lỗi</translation>
    </message>
    <message>
        <source>Play the clip</source>
        <translation>Phát clip</translation>
    </message>
    <message>
        <source>Pictures drawn: %1, failed: %2 (see the log).</source>
        <translation>Đã vẽ: %1, lỗi: %2 (xem nhật ký).</translation>
    </message>
    <message>
        <source>Pictures drawn: %1.</source>
        <translation>Đã vẽ: %1.</translation>
    </message>
</context>
<context>
    <name>t2v::ui::VideosPanel</name>
    <message>
        <source>New clips go round-robin to the ticked accounts (of one service).</source>
        <translation>Clip mới được chia lần lượt cho các tài khoản đã đánh dấu (cùng một dịch vụ).</translation>
    </message>
    <message>
        <source>all scenes, or e.g. 1-10,12</source>
        <translation>tất cả cảnh, hoặc ví dụ 1-10,12</translation>
    </message>
    <message>
        <source>account&apos;s model</source>
        <translation>mô hình của tài khoản</translation>
    </message>
    <message>
        <source>4K resample (FFmpeg lanczos, not AI upscaling)</source>
        <translation>Lấy mẫu lại 4K (FFmpeg lanczos, không phải nâng cấp bằng AI)</translation>
    </message>
    <message>
        <source>Clips downloaded at once; changes apply immediately.</source>
        <translation>Số clip tải xuống cùng lúc; thay đổi có hiệu lực ngay.</translation>
    </message>
    <message>
        <source>&amp;Make clips</source>
        <translation>&amp;Tạo clip</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Dừng</translation>
    </message>
    <message>
        <source>Stop submitting and downloading. Everything submitted is kept and continues later.</source>
        <translation>Dừng gửi và tải xuống. Mọi thứ đã gửi vẫn được giữ lại và sẽ tiếp tục sau.</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>Tài &amp;khoản</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Biến thể</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Độ phân giải</translation>
    </message>
    <message>
        <source>&amp;Scenes</source>
        <translation>&amp;Cảnh</translation>
    </message>
    <message>
        <source>Parallel downloads</source>
        <translation>Tải song song</translation>
    </message>
    <message>
        <source>Video &amp;model</source>
        <translation>&amp;Mô hình video</translation>
    </message>
    <message>
        <source>All clips</source>
        <translation>Tất cả clip</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <source>Failed or unconfirmed</source>
        <translation>Thất bại hoặc chưa xác nhận</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Trong hàng đợi</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Hiển thị</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Đã tắt</translation>
    </message>
    <message>
        <source>Tick at least one video account.</source>
        <translation>Hãy đánh dấu ít nhất một tài khoản video.</translation>
    </message>
    <message>
        <source>The clips cannot be made</source>
        <translation>Không thể tạo clip</translation>
    </message>
    <message>
        <source>Submit again?</source>
        <translation>Gửi lại?</translation>
    </message>
    <message>
        <source>An unconfirmed job may already exist and be billed. Submitting it again may pay for it twice. Check the provider first. Submit again?</source>
        <translation>Một tác vụ chưa được xác nhận có thể đã tồn tại và đã bị tính phí. Gửi lại có thể khiến bạn phải trả tiền hai lần. Hãy kiểm tra với nhà cung cấp trước. Gửi lại?</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>Tải lại</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Thử lại</translation>
    </message>
    <message>
        <source>&amp;Download again</source>
        <translation>Tải &amp;lại</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Hủ&amp;y</translation>
    </message>
    <message>
        <source>&amp;Use in the film</source>
        <translation>&amp;Dùng trong phim</translation>
    </message>
    <message>
        <source>&amp;Open clip</source>
        <translation>&amp;Mở clip</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Mở t&amp;hư mục</translation>
    </message>
    <message>
        <source>16:9</source>
        <translation>16:9</translation>
    </message>
    <message>
        <source>9:16</source>
        <translation>9:16</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>Starts as the script&apos;s aspect ratio</source>
        <translation>Mặc định theo tỉ lệ khung hình của kịch bản</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>Khung hình</translation>
    </message>
    <message>
        <source>Render again (paid)?</source>
        <translation>Kết xuất lại (có tính phí)?</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) will be sent to the service again as new requests. The service may already have made (and billed) the earlier ones: Retry fetches those instead. Render again and pay again?</source>
        <translation>
            <numerusform>%n clip sẽ được gửi lại cho dịch vụ dưới dạng yêu cầu mới. Dịch vụ có thể đã làm (và tính phí) các clip trước: Thử lại sẽ tải chúng về thay vì mua lại. Kết xuất lại và trả tiền lần nữa?</numerusform>
        </translation>
    </message>
    <message>
        <source>Render again</source>
        <translation>Kết xuất lại</translation>
    </message>
    <message>
        <source>Use for a scene</source>
        <translation>Dùng cho một cảnh</translation>
    </message>
    <message>
        <source>Use this clip (made for an earlier scene %1) as a clip of scene:</source>
        <translation>Dùng clip này (được làm cho cảnh %1 trước đây) làm clip của cảnh:</translation>
    </message>
    <message>
        <source>Delete clips?</source>
        <translation>Xóa các clip?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n clip(s) and their files (clip, thumbnail, resample)? This cannot be undone.</source>
        <translation>
            <numerusform>Xóa %n clip và các tệp của chúng (clip, ảnh thu nhỏ, bản lấy mẫu lại)? Không thể hoàn tác.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete clips</source>
        <translation>Xóa các clip</translation>
    </message>
    <message>
        <source>Render &amp;again (paid)…</source>
        <translation>&amp;Kết xuất lại (có tính phí)…</translation>
    </message>
    <message>
        <source>Use for a &amp;scene…</source>
        <translation>Dùng cho một &amp;cảnh…</translation>
    </message>
    <message>
        <source>De&amp;lete clip…</source>
        <translation>&amp;Xóa clip…</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>không giới hạn</translation>
    </message>
    <message>
        <source>The most this project&apos;s clips may cost together. Clips that would go over it stay queued with the reason; raising it goes on.</source>
        <translation>Tổng chi phí tối đa cho các clip của dự án này. Các clip vượt quá sẽ ở lại hàng đợi kèm lý do; nâng mức này lên thì tiếp tục.</translation>
    </message>
    <message>
        <source>Project budget</source>
        <translation>Ngân sách dự án</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Chi phí</translation>
    </message>
    <message>
        <source>What this project&apos;s clips may have cost: every request that may be billed, at the price that applied when it was sent.</source>
        <translation>Chi phí có thể của các clip trong dự án: mọi yêu cầu có thể bị tính tiền, theo giá áp dụng lúc gửi.</translation>
    </message>
    <message>
        <source>Spent %1</source>
        <translation>Đã chi %1</translation>
    </message>
    <message>
        <source>Held: %1</source>
        <translation>Tạm giữ: %1</translation>
    </message>
    <message>
        <source>Every chosen scene already has its clips.</source>
        <translation>Mọi cảnh đã chọn đều đã có clip.</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) to make, free (rendered on your own hardware).</source>
        <translation>
            <numerusform>%n clip cần tạo, miễn phí (dựng trên phần cứng của bạn).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) to make, estimated %1.</source>
        <translation>
            <numerusform>%n clip cần tạo, ước tính %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2): %n clip(s), %3</source>
        <translation>
            <numerusform>%1 (%2): %n clip, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown price</source>
        <translation>giá không rõ</translation>
    </message>
    <message numerus="yes">
        <source>The price of %n clip(s) is unknown.</source>
        <translation>
            <numerusform>Không rõ giá của %n clip.</numerusform>
        </translation>
    </message>
    <message>
        <source>It is above %1, the amount from which runs are confirmed (Settings).</source>
        <translation>Vượt quá %1, số tiền cần xác nhận trước khi chạy (Cài đặt).</translation>
    </message>
    <message>
        <source>Make clips</source>
        <translation>Tạo clip</translation>
    </message>
    <message>
        <source>These clips are estimated at %1.</source>
        <translation>Các clip này ước tính %1.</translation>
    </message>
    <message>
        <source>Only successful clips are billed. A project budget (below) stops submissions at a cap.</source>
        <translation>Chỉ clip thành công mới bị tính tiền. Ngân sách dự án (bên dưới) dừng việc gửi khi đạt giới hạn.</translation>
    </message>
</context>
</TS>
