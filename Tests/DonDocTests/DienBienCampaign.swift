import DonDoc
import Foundation

/// The 18 agencies of the Điện Biên 2020 accountability plan, with the aliases a clerk
/// would configure and reserved example addresses only.
enum DienBien {
    static let agencies: [Agency] = [
        Agency(id: "stnmt", name: "Sở Tài nguyên và Môi trường",
               aliases: ["Sở TN&MT", "STNMT", "TN&MT"], emails: ["stnmt@dienbien.example.org"]),
        Agency(id: "stc", name: "Sở Tài chính",
               aliases: ["STC"], emails: ["stc@dienbien.example.org"]),
        Agency(id: "skhdt", name: "Sở Kế hoạch và Đầu tư",
               aliases: ["Sở KH&ĐT", "SKHĐT", "KH&ĐT"], emails: ["skhdt@dienbien.example.org"]),
        Agency(id: "snnptnt", name: "Sở Nông nghiệp và Phát triển nông thôn",
               aliases: ["Sở NN&PTNT", "SNNPTNT", "NN&PTNT"], emails: ["snnptnt@dienbien.example.org"]),
        Agency(id: "snv", name: "Sở Nội vụ",
               aliases: ["SNV"], emails: ["snv@dienbien.example.org"]),
        Agency(id: "stttt", name: "Sở Thông tin và Truyền thông",
               aliases: ["Sở TT&TT", "STTTT", "Sở Thông tin - Truyền thông"], emails: ["stttt@dienbien.example.org"]),
        Agency(id: "cao-su-dien-bien", name: "Công ty cổ phần Cao su Điện Biên",
               aliases: ["Công ty CP Cao su Điện Biên", "Cao su Điện Biên"],
               emails: ["caosudienbien@dienbien.example.org"]),
        Agency(id: "cao-su-muong-nhe", name: "Công ty cổ phần Cao su Mường Nhé Điện Biên",
               aliases: ["Công ty CP Cao su Mường Nhé Điện Biên", "Cao su Mường Nhé Điện Biên", "Cao su Mường Nhé"],
               emails: ["caosumuongnhe@dienbien.example.org"]),
        Agency(id: "ubnd-dien-bien-phu", name: "UBND thành phố Điện Biên Phủ",
               aliases: ["thành phố Điện Biên Phủ", "TP Điện Biên Phủ", "Điện Biên Phủ"],
               emails: ["ubnddienbienphu@dienbien.example.org"]),
        Agency(id: "ubnd-muong-lay", name: "UBND thị xã Mường Lay",
               aliases: ["thị xã Mường Lay", "TX Mường Lay", "Mường Lay"],
               emails: ["ubndmuonglay@dienbien.example.org"]),
        Agency(id: "ubnd-dien-bien", name: "UBND huyện Điện Biên",
               aliases: ["huyện Điện Biên"], emails: ["ubnddienbien@dienbien.example.org"]),
        Agency(id: "ubnd-dien-bien-dong", name: "UBND huyện Điện Biên Đông",
               aliases: ["huyện Điện Biên Đông", "Điện Biên Đông"], emails: ["ubnddienbiendong@dienbien.example.org"]),
        Agency(id: "ubnd-muong-ang", name: "UBND huyện Mường Ảng",
               aliases: ["huyện Mường Ảng", "Mường Ảng"], emails: ["ubndmuongang@dienbien.example.org"]),
        Agency(id: "ubnd-tuan-giao", name: "UBND huyện Tuần Giáo",
               aliases: ["huyện Tuần Giáo", "Tuần Giáo"], emails: ["ubndtuangiao@dienbien.example.org"]),
        Agency(id: "ubnd-tua-chua", name: "UBND huyện Tủa Chùa",
               aliases: ["huyện Tủa Chùa", "Tủa Chùa"], emails: ["ubndtuachua@dienbien.example.org"]),
        Agency(id: "ubnd-muong-cha", name: "UBND huyện Mường Chà",
               aliases: ["huyện Mường Chà", "Mường Chà"], emails: ["ubndmuongcha@dienbien.example.org"]),
        Agency(id: "ubnd-muong-nhe", name: "UBND huyện Mường Nhé",
               aliases: ["huyện Mường Nhé", "Mường Nhé"], emails: ["ubndmuongnhe@dienbien.example.org"]),
        Agency(id: "ubnd-nam-po", name: "UBND huyện Nậm Pồ",
               aliases: ["huyện Nậm Pồ", "Nậm Pồ"], emails: ["ubndnampo@dienbien.example.org"]),
    ]

    static let officeAddress = "vanphong@hdnd.example.org"

    static func campaign(agencies: [Agency] = DienBien.agencies) -> Campaign {
        Campaign(
            id: "giai-trinh-2020-q2",
            title: "Giải trình tại phiên họp Thường trực HĐND tỉnh, Quý II năm 2020",
            timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!,
            opens: LocalDate(year: 2020, month: 4, day: 15)!,
            deadline: LocalDate(year: 2020, month: 5, day: 9)!,
            tag: "GT2020",
            office: Office(name: "Văn phòng HĐND tỉnh Điện Biên", address: officeAddress,
                           secretariat: ["chanhvanphong@hdnd.example.org"]),
            mailbox: MailboxSettings(url: URL(string: "imaps://imap.example.org/INBOX")!,
                                     username: officeAddress, password: .file("/etc/dondoc/imap.secret")),
            smtp: nil,
            storePath: "/tmp/dondoc-test.sqlite",
            reminders: ReminderSettings(),
            agencies: agencies)
    }

    static let attributor = Attributor(campaign: campaign())

    static let pdf = AttachmentFacts(fileName: "bao-cao.pdf", mediaType: "application/pdf")

    /// A message from an address no agency has, so that only the signal under test speaks.
    static func stranger(subject: String = "", fromName: String? = nil, attachments: [AttachmentFacts] = [],
                         bodyText: String? = nil) -> MessageFacts {
        MessageFacts(messageID: "<m1@mail.example.net>", fromAddress: "vanthu.nguyen@mail.example.net",
                     fromName: fromName, subject: subject, attachments: attachments, bodyText: bodyText)
    }
}
