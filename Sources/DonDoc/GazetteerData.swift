import Foundation

// CẦN XÁC NHẬN (to be confirmed): the district-level units below are those of 2020 as the
// author of this file knows them, for the provinces known with confidence; no official
// list was copied. Units merge and change rank (Hoành Bồ joined Hạ Long in 2020, Sa Pa
// became a town the same year), so `dondoc init` marks every unit it writes from here for
// the Office to confirm. A province listed without units is still recognised in a plan;
// its collectives become placeholders.

enum GazetteerData {
    private typealias Unit = Gazetteer.Unit

    private static func province(_ name: String, _ otherNames: [String] = [], city: Bool = false,
                                 cities: [String] = [], towns: [String] = [], districts: [String] = [],
                                 urbanDistricts: [String] = [], known: Bool = true) -> Gazetteer.Province {
        let units = cities.map { Unit(kind: .city, name: $0) } + towns.map { Unit(kind: .town, name: $0) }
            + urbanDistricts.map { Unit(kind: .urbanDistrict, name: $0) } + districts.map { Unit(kind: .district, name: $0) }
        return Gazetteer.Province(name: name, isCentralCity: city, otherNames: otherNames, units: known ? units : nil)
    }

    /// The 63 provinces and centrally-run cities of 2020; units for some.
    static let provinces: [Gazetteer.Province] = withUnits + namesOnly

    private static let withUnits: [Gazetteer.Province] = [
        // The order of examples/dien-bien-2020.yaml, which is the Office's own.
        province("Điện Biên", cities: ["Điện Biên Phủ"], towns: ["Mường Lay"],
                 districts: ["Điện Biên", "Điện Biên Đông", "Mường Ảng", "Tuần Giáo", "Tủa Chùa", "Mường Chà",
                             "Mường Nhé", "Nậm Pồ"]),
        province("Lai Châu", cities: ["Lai Châu"],
                 districts: ["Mường Tè", "Nậm Nhùn", "Phong Thổ", "Sìn Hồ", "Tam Đường", "Tân Uyên", "Than Uyên"]),
        province("Sơn La", cities: ["Sơn La"],
                 districts: ["Bắc Yên", "Mai Sơn", "Mộc Châu", "Mường La", "Phù Yên", "Quỳnh Nhai", "Sông Mã",
                             "Sốp Cộp", "Thuận Châu", "Vân Hồ", "Yên Châu"]),
        province("Lào Cai", cities: ["Lào Cai"], towns: ["Sa Pa"],
                 districts: ["Bát Xát", "Bảo Thắng", "Bảo Yên", "Bắc Hà", "Mường Khương", "Si Ma Cai", "Văn Bàn"]),
        province("Hà Giang", cities: ["Hà Giang"],
                 districts: ["Bắc Mê", "Bắc Quang", "Đồng Văn", "Hoàng Su Phì", "Mèo Vạc", "Quản Bạ", "Quang Bình",
                             "Vị Xuyên", "Xín Mần", "Yên Minh"]),
        province("Yên Bái", cities: ["Yên Bái"], towns: ["Nghĩa Lộ"],
                 districts: ["Lục Yên", "Mù Cang Chải", "Trạm Tấu", "Trấn Yên", "Văn Chấn", "Văn Yên", "Yên Bình"]),
        province("Tuyên Quang", cities: ["Tuyên Quang"],
                 districts: ["Chiêm Hóa", "Hàm Yên", "Lâm Bình", "Na Hang", "Sơn Dương", "Yên Sơn"]),
        province("Bắc Kạn", ["Bắc Cạn"], cities: ["Bắc Kạn"],
                 districts: ["Ba Bể", "Bạch Thông", "Chợ Đồn", "Chợ Mới", "Na Rì", "Ngân Sơn", "Pác Nặm"]),
        province("Lạng Sơn", cities: ["Lạng Sơn"],
                 districts: ["Bắc Sơn", "Bình Gia", "Cao Lộc", "Chi Lăng", "Đình Lập", "Hữu Lũng", "Lộc Bình",
                             "Tràng Định", "Văn Lãng", "Văn Quan"]),
        province("Thái Nguyên", cities: ["Thái Nguyên", "Sông Công"], towns: ["Phổ Yên"],
                 districts: ["Đại Từ", "Định Hóa", "Đồng Hỷ", "Phú Bình", "Phú Lương", "Võ Nhai"]),
        province("Phú Thọ", cities: ["Việt Trì"], towns: ["Phú Thọ"],
                 districts: ["Cẩm Khê", "Đoan Hùng", "Hạ Hòa", "Lâm Thao", "Phù Ninh", "Tam Nông", "Tân Sơn",
                             "Thanh Ba", "Thanh Sơn", "Thanh Thủy", "Yên Lập"]),
        province("Bắc Giang", cities: ["Bắc Giang"],
                 districts: ["Hiệp Hòa", "Lạng Giang", "Lục Nam", "Lục Ngạn", "Sơn Động", "Tân Yên", "Việt Yên",
                             "Yên Dũng", "Yên Thế"]),
        province("Vĩnh Phúc", cities: ["Vĩnh Yên", "Phúc Yên"],
                 districts: ["Bình Xuyên", "Lập Thạch", "Sông Lô", "Tam Đảo", "Tam Dương", "Vĩnh Tường", "Yên Lạc"]),
        province("Quảng Ninh", cities: ["Hạ Long", "Cẩm Phả", "Móng Cái", "Uông Bí"], towns: ["Đông Triều", "Quảng Yên"],
                 districts: ["Ba Chẽ", "Bình Liêu", "Cô Tô", "Đầm Hà", "Hải Hà", "Tiên Yên", "Vân Đồn"]),
        province("Ninh Bình", cities: ["Ninh Bình", "Tam Điệp"],
                 districts: ["Gia Viễn", "Hoa Lư", "Kim Sơn", "Nho Quan", "Yên Khánh", "Yên Mô"]),
        province("Kon Tum", ["Kontum"], cities: ["Kon Tum"],
                 districts: ["Đắk Glei", "Đắk Hà", "Đắk Tô", "Ia H'Drai", "Kon Plông", "Kon Rẫy", "Ngọc Hồi", "Sa Thầy",
                             "Tu Mơ Rông"]),
        province("Lâm Đồng", cities: ["Đà Lạt", "Bảo Lộc"],
                 districts: ["Bảo Lâm", "Cát Tiên", "Di Linh", "Đạ Huoai", "Đạ Tẻh", "Đam Rông", "Đơn Dương",
                             "Đức Trọng", "Lạc Dương", "Lâm Hà"]),
    ]

    private static let namesOnly: [Gazetteer.Province] = [
        ("Hà Nội", [String](), true), ("Hồ Chí Minh", ["TP.HCM", "TPHCM"], true), ("Hải Phòng", [], true),
        ("Đà Nẵng", [], true), ("Cần Thơ", [], true),
        ("An Giang", [], false), ("Bà Rịa - Vũng Tàu", ["Bà Rịa Vũng Tàu"], false), ("Bạc Liêu", [], false),
        ("Bắc Ninh", [], false), ("Bến Tre", [], false), ("Bình Định", [], false), ("Bình Dương", [], false),
        ("Bình Phước", [], false), ("Bình Thuận", [], false), ("Cà Mau", [], false), ("Cao Bằng", [], false),
        ("Đắk Lắk", ["Đắc Lắc", "Đăk Lăk", "Daklak"], false), ("Đắk Nông", ["Đăk Nông"], false),
        ("Đồng Nai", [], false), ("Đồng Tháp", [], false), ("Gia Lai", [], false), ("Hà Nam", [], false),
        ("Hà Tĩnh", [], false), ("Hải Dương", [], false), ("Hậu Giang", [], false), ("Hòa Bình", [], false),
        ("Hưng Yên", [], false), ("Khánh Hòa", [], false), ("Kiên Giang", [], false), ("Long An", [], false),
        ("Nam Định", [], false), ("Nghệ An", [], false), ("Ninh Thuận", [], false), ("Phú Yên", [], false),
        ("Quảng Bình", [], false), ("Quảng Nam", [], false), ("Quảng Ngãi", [], false), ("Quảng Trị", [], false),
        ("Sóc Trăng", [], false), ("Tây Ninh", [], false), ("Thái Bình", [], false), ("Thanh Hóa", [], false),
        ("Thừa Thiên Huế", ["Thừa Thiên - Huế"], false), ("Tiền Giang", [], false), ("Trà Vinh", [], false),
        ("Vĩnh Long", [], false),
    ].map { name, others, city in province(name, others, city: city, known: false) }
}
