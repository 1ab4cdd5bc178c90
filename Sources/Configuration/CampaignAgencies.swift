import DonDoc
import Foundation

extension CampaignValidator {
    /// The agencies, each id, name, alias and address belonging to one agency only: a
    /// name or address two agencies share could not attribute their mail.
    ///
    /// A campaign can list a thousand agencies and every command checks them, so paths
    /// ("agencies[12].aliases[0]") are spelled out only when a problem names them, and
    /// the first owner of an id or name is kept as indices.
    func agencies(_ node: YAMLNode?, deadline: LocalDate?) -> [Agency] {
        let items = reader.sequence(node, "agencies")
        if items.isEmpty, node != nil, !reader.hasProblem(at: "agencies") {
            reader.problem("agencies", node, "must list at least one agency")
        }
        var agencies: [Agency] = []
        var ids: [String: Int] = [:]                   // id → index of first use
        var names: [String: NameOwner] = [:]           // name or alias as compared → first owner
        var emails: [String: String] = [:]             // address → agency id
        agencies.reserveCapacity(items.count)
        ids.reserveCapacity(items.count)
        names.reserveCapacity(items.count)
        emails.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let path = AgencyPath(index: index)
            guard let a = reader.mapping(item, path.text, allowed: ["id", "name", "aliases", "emails", "extension", "exempt"],
                                         required: ["id", "name"])
            else {
                if reader.isNull(item) { reader.problem(path.text, item, "is empty; give id, name, aliases and emails") }
                continue
            }
            guard let id = identifier(a["id"], path.key("id")) else { continue }
            if let first = ids[id] {
                reader.problem(path.key("id"), a["id"], "\"\(id)\" is already the id of \(AgencyPath(index: first).text)")
            } else {
                ids[id] = index
            }
            let name = reader.string(a["name"], path.key("name"))
            let aliases = reader.strings(a["aliases"], path.key("aliases"))
            func claim(_ label: String, _ labelNode: YAMLNode?, alias: Int?) {
                // Compared as attribution compares names: "TP X" and "thành phố X" are one.
                let folded = VietnameseText.nameWords(label).joined(separator: " ")
                if folded.isEmpty {
                    reader.problem(path.label(alias: alias), labelNode, "has no letters or digits")
                } else if let owner = names[folded] {
                    if owner.id != id {
                        reader.problem(path.label(alias: alias), labelNode,
                                       "\"\(label)\" also names agency \(owner.id) (\(owner.path)); a name that fits two agencies cannot attribute mail")
                    }
                } else {
                    names[folded] = NameOwner(id: id, index: index, alias: alias)
                }
            }
            if let name { claim(name, a["name"], alias: nil) }
            for alias in aliases { claim(alias.text, alias.node, alias: alias.index) }
            let addresses = reader.strings(a["emails"], path.key("emails")).compactMap { item -> String? in
                guard let address = email(item.node, path.item("emails", item.index)) else { return nil }
                if let owner = emails[address] {
                    if owner != id {
                        reader.problem(path.item("emails", item.index), item.node, "\"\(address)\" is already an address of agency \(owner)")
                    }
                } else {
                    emails[address] = id
                }
                return address
            }
            let extended = a["extension"].flatMap { reader.isNull($0) ? nil : date($0, path.key("extension")) }
            if let extended, let deadline, extended <= deadline {
                reader.problem(path.key("extension"), a["extension"],
                               "\(extended.iso) is not after campaign.deadline (\(deadline.iso)); an extension gives more time")
            }
            let exempt = reader.bool(a["exempt"], path.key("exempt"), default: false)
            if let name {
                agencies.append(Agency(id: id, name: name, aliases: aliases.map(\.text), emails: addresses,
                                       extendedDeadline: extended, exempt: exempt))
            }
        }
        return agencies
    }
}

/// `agencies[index]` and the keys inside it.
private struct AgencyPath {
    var index: Int

    var text: String { "agencies[\(index)]" }
    func key(_ name: String) -> String { "\(text).\(name)" }
    func item(_ name: String, _ item: Int) -> String { "\(text).\(name)[\(item)]" }
    /// The agency's name, or its alias at that index.
    func label(alias: Int?) -> String { alias.map { item("aliases", $0) } ?? key("name") }
}

/// The agency that first gave a folded name, and where.
private struct NameOwner {
    var id: String
    var index: Int
    var alias: Int?

    var path: String { AgencyPath(index: index).label(alias: alias) }
}
