import Foundation

/// The shipped Vietnamese templates, built into the binary so that `dondoc` installed alone
/// in /usr/local/bin still writes its mail. The text is the same as mailtemplates/vi/*.mustache,
/// byte for byte; `MailTemplatesTests.testEmbeddedDefaultsAreTheShippedFiles` fails when the
/// two differ, so edit both together (the files are what offices copy and adapt).
enum DefaultTemplates {
    static func text(_ name: MailTemplateName) -> String {
        switch name {
        case .upcoming: upcoming
        case .dueToday: dueToday
        case .overdue: overdue
        case .receipt: receipt
        }
    }

    private static let upcoming = #"""
Subject: [{{tag}}-{{agency_code}}] Đề nghị gửi báo cáo giải trình chậm nhất ngày {{deadline}} (còn {{days_left}} ngày)

Kính gửi: {{agency_name}}

Thực hiện Kế hoạch tổ chức giải trình của Thường trực Hội đồng nhân dân tỉnh (đợt: {{campaign_title}}), {{office_name}} trân trọng đề nghị {{agency_name}} gửi báo cáo giải trình về Văn phòng chậm nhất ngày {{deadline}} (còn {{days_left}} ngày).

Cách gửi báo cáo bằng thư điện tử:
- Trả lời (Reply) thư này, giữ nguyên tiêu đề thư có mã [{{tag}}-{{agency_code}}];
- Đính kèm báo cáo đã được ký, định dạng PDF;
- Đồng thời gửi bản giấy về Văn phòng theo Kế hoạch.

Trường hợp Quý cơ quan đã gửi báo cáo, đề nghị trả lời thư này để Văn phòng đối chiếu.

Trân trọng cảm ơn./.

{{office_name}}
Hộp thư: {{office_address}}

---
Thư này được gửi tự động ngày {{today}} từ hệ thống theo dõi báo cáo của {{office_name}}.

"""#

    private static let dueToday = #"""
Subject: [{{tag}}-{{agency_code}}] Hạn cuối gửi báo cáo giải trình: ngày {{deadline}}

Kính gửi: {{agency_name}}

Thực hiện Kế hoạch tổ chức giải trình của Thường trực Hội đồng nhân dân tỉnh (đợt: {{campaign_title}}), {{office_name}} xin nhắc: ngày {{deadline}} là hạn cuối để gửi báo cáo giải trình. Đến nay, Văn phòng chưa nhận được báo cáo của {{agency_name}}.

Đề nghị Quý cơ quan khẩn trương gửi báo cáo trong hạn:
- Trả lời (Reply) thư này, giữ nguyên tiêu đề thư có mã [{{tag}}-{{agency_code}}];
- Đính kèm báo cáo đã được ký, định dạng PDF;
- Đồng thời gửi bản giấy về Văn phòng theo Kế hoạch.

Trường hợp Quý cơ quan đã gửi báo cáo, đề nghị trả lời thư này để Văn phòng đối chiếu.

Trân trọng cảm ơn./.

{{office_name}}
Hộp thư: {{office_address}}

---
Thư này được gửi tự động ngày {{today}} từ hệ thống theo dõi báo cáo của {{office_name}}.

"""#

    private static let overdue = #"""
Subject: [{{tag}}-{{agency_code}}] Đôn đốc lần {{overdue_number}}: báo cáo giải trình đã quá hạn {{days_overdue}} ngày

Kính gửi: {{agency_name}}

Thực hiện Kế hoạch tổ chức giải trình của Thường trực Hội đồng nhân dân tỉnh (đợt: {{campaign_title}}), hạn gửi báo cáo giải trình là ngày {{deadline}}. Đến ngày {{today}} (quá hạn {{days_overdue}} ngày), {{office_name}} vẫn chưa nhận được báo cáo của {{agency_name}}.

Để kịp tổng hợp báo cáo Thường trực Hội đồng nhân dân tỉnh, {{office_name}} đề nghị Quý cơ quan khẩn trương gửi báo cáo:
- Trả lời (Reply) thư này, giữ nguyên tiêu đề thư có mã [{{tag}}-{{agency_code}}];
- Đính kèm báo cáo đã được ký, định dạng PDF;
- Đồng thời gửi bản giấy về Văn phòng theo Kế hoạch.

Trường hợp Quý cơ quan đã gửi báo cáo, đề nghị trả lời thư này để Văn phòng đối chiếu.

Trân trọng cảm ơn./.

{{office_name}}
Hộp thư: {{office_address}}

---
Thư đôn đốc lần {{overdue_number}}, gửi tự động ngày {{today}} từ hệ thống theo dõi báo cáo của {{office_name}}.

"""#

    private static let receipt = #"""
Subject: [{{tag}}-{{agency_code}}] Xác nhận đã nhận văn bản của {{agency_name}}

Kính gửi: {{agency_name}}

{{office_name}} xác nhận đã nhận thư điện tử của Quý cơ quan, gửi đến hộp thư {{office_address}} lúc {{received_time}} ngày {{received_date}}, kèm theo {{file_count}} tệp:

{{#files}}
{{number}}. {{name}} ({{size}})
{{/files}}

Văn bản đã được tiếp nhận để phục vụ Kế hoạch tổ chức giải trình của Thường trực Hội đồng nhân dân tỉnh (đợt: {{campaign_title}}).

Nếu danh sách tệp trên chưa đúng hoặc còn thiếu, đề nghị Quý cơ quan trả lời thư này và đính kèm tệp bổ sung.

Trân trọng./.

{{office_name}}
Hộp thư: {{office_address}}

---
Thư xác nhận được gửi tự động trong ngày nhận văn bản, theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư.

"""#
}
