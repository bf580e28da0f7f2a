import KithCommandLine
import KithCore
import KithStorage

/// `kith id`: shows this node's public key and fingerprint, creating the identity on first use.
struct IdentityCommand: Command {
    static let json = Flag("json", help: "Print one JSON object on one line instead of text.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "id",
            abstract:
                "Show this node's public key and fingerprint, creating the identity on first use.",
            discussion:
                "The identity is the secret key file identity.key in Kith's home directory. "
                + "Compare fingerprints aloud to check that a key belongs to who you think.",
            options: [json]
        )
    }

    /// Whether to print JSON.
    let printsJSON: Bool
    /// The `--home` value, if given.
    let homeOption: String?

    init(arguments: ParsedArguments) {
        printsJSON = arguments.isSet(Self.json)
        homeOption = arguments.value(of: KithHome.option)
    }

    func run(_ context: CommandContext) throws {
        let home = try KithHome.prepare(optionValue: homeOption, environment: context.environment)
        let file = IdentityFile(path: home.file(IdentityFile.fileName))
        let identity = try file.loadOrCreate()
        if identity.wasCreated {
            context.note(
                "created a new identity in '\(file.path)'; keep this file private and backed up")
        }
        let publicKey = identity.key.publicKey
        if printsJSON {
            context.printJSONLine([
                "public_key": .string(publicKey.hex),
                "fingerprint": .string(publicKey.fingerprint.full),
                "fingerprint_short": .string(publicKey.fingerprint.short),
                "key_file": .string(file.path),
                "created": .bool(identity.wasCreated),
            ])
        } else {
            context.printLine("Public key:  \(publicKey.hex)")
            context.printLine("Fingerprint: \(publicKey.fingerprint.full)")
        }
    }
}
