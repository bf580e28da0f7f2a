import KithControl
import KithCore
import Testing

/// The lines the control socket's coding produced before it had types (captured from the
/// previous `ControlRequest`/`ControlResponse` structs and Foundation's encoder): the typed
/// coding must give exactly these bytes, and read them back as the same values.
enum GoldenLines {
    /// A community id used in every line.
    static let c = String(repeating: "ab", count: 32)
    /// A public key used in every line.
    static let k = String(repeating: "cd", count: 32)

    /// One request per op (and per `people` filter), as the previous coding wrote them.
    static let requests: [String] = [
        #"{"op":"status"}"#,
        #"{"op":"peers"}"#,
        #"{"channel":"general","community":"\#(c)","op":"post","text":"hello"}"#,
        #"{"name":"alice","op":"nick"}"#,
        #"{"community":"\#(c)","name":"alice","op":"nick"}"#,
        #"{"op":"tail"}"#,
        #"{"channel":"general","community":"\#(c)","op":"tail"}"#,
        #"{"channel":"general","community":"\#(c)","limit":20,"op":"history"}"#,
        #"{"community":"\#(c)","limit":20,"op":"inbox"}"#,
        #"{"community":"\#(c)","limit":100,"op":"people"}"#,
        #"{"after":"\#(k)","community":"\#(c)","limit":100,"op":"people"}"#,
        #"{"community":"\#(c)","limit":100,"online":true,"op":"people"}"#,
        #"{"active_since":1764360000000,"community":"\#(c)","limit":100,"op":"people"}"#,
        #"{"author":"\#(k)","community":"\#(c)","limit":100,"op":"people"}"#,
        #"{"community":"\#(c)","op":"msg","recipient":"\#(k)","text":"psst"}"#,
        #"{"community":"\#(c)","op":"channels"}"#,
        #"{"channel":"general","community":"\#(c)","op":"topic","text":"news"}"#,
        #"{"author":"\#(k)","op":"block"}"#,
        #"{"author":"\#(k)","op":"hide"}"#,
        #"{"author":"\#(k)","op":"unblock"}"#,
        #"{"op":"blocked"}"#,
        #"{"community":"\#(c)","op":"reach","sequence":12}"#,
        #"{"op":"communities_reload"}"#,
    ]

    /// One response of each kind; the entry's texts hold a quote, a control character, a slash,
    /// DEL, non-ASCII letters and U+2028, which the encoders must write alike. (The private
    /// message's sender is the entry's author, as in every message a node opens.)
    static let responses: [String] = [
        #"{"error":"unknown op 'x'","ok":false}"#,
        #"{"ok":true,"tailing":true}"#,
        #"{"entry":{"author":"8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c","author_name":"al\"ice\u0001/\#u{7F}é\#u{2028}","bytes":"01\#(c)8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c000000000000000100000000000000000000000000000000000000000000000000000000000000000000019acc0d12000001000000120767656e6572616c6869202278220a2fc3a9ce5fac0644c399e32c2167ff9067ffe1424d4536d1dbb06783d8fc3c31e9fe6d67620ab4d07c5a7fd43cd53e4ac55e8be27e91969a61dc7227beee5a8f5b2407","community":"\#(c)","id":"fbc8e5bf00d23bc188f0ea1cf37c03bd1a01e8ca0d2daa95314826bebe79c4b9","own":true,"private_message":{"recipient":"\#(c)","sender":"8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c","text":"t\\ab\t"},"sequence":1},"ok":true}"#,
        #"{"communities":["\#(c)"],"ok":true}"#,
        #"{"entries":[{"author":"8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c","author_name":"al\"ice\u0001/\#u{7F}é\#u{2028}","bytes":"01\#(c)8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c000000000000000100000000000000000000000000000000000000000000000000000000000000000000019acc0d12000001000000120767656e6572616c6869202278220a2fc3a9ce5fac0644c399e32c2167ff9067ffe1424d4536d1dbb06783d8fc3c31e9fe6d67620ab4d07c5a7fd43cd53e4ac55e8be27e91969a61dc7227beee5a8f5b2407","community":"\#(c)","id":"fbc8e5bf00d23bc188f0ea1cf37c03bd1a01e8ca0d2daa95314826bebe79c4b9","own":true,"private_message":{"recipient":"\#(c)","sender":"8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c","text":"t\\ab\t"},"sequence":1}],"ok":true}"#,
        #"{"more":2,"ok":true,"people":[{"display_name":"alice","fingerprint":"3f2a-9c01-7be4-55d0","first_timestamp":1,"head_sequence":12,"online":true,"own":false,"public_key":"\#(k)"}],"total":3}"#,
        #"{"channels":[{"last_timestamp":1764360000000,"name":"general","post_count":12,"topic":"t","topic_author":"\#(k)"}],"ok":true}"#,
        #"{"blocked":[{"fingerprint":"3f2a-9c01-7be4-55d0","public_key":"\#(k)","refused":false}],"ok":true}"#,
        #"{"holders":2,"ok":true,"reached":true}"#,
        #"{"communities":["\#(c)"],"joined":["\#(k)"],"left":[],"ok":true}"#,
    ]
}
