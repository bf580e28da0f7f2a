/// CRC-32C, the Castagnoli CRC used by iSCSI and ext4 (log.md, "Records").
///
/// Polynomial `0x1EDC6F41` (reflected `0x82F63B78`), initial value `0xFFFFFFFF`, final XOR
/// `0xFFFFFFFF`. Computed with the slicing-by-8 table method: eight bytes per step.
///
/// ```swift
/// var crc = CRC32C()
/// crc.update(headerBytes)
/// crc.update(payloadBytes)
/// let checksum = crc.value
/// ```
public struct CRC32C: Sendable, Hashable {
    private var state: UInt32 = 0xFFFF_FFFF

    /// A checksum over no bytes yet.
    public init() {}

    /// The checksum of the bytes given so far.
    public var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32C()
        crc.update(bytes)
        return crc.value
    }

    /// The CRC-32C of a byte sequence.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = CRC32C()
        crc.update(bytes)
        return crc.value
    }

    /// Adds bytes from any sequence (contiguous storage takes the fast path).
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Adds `bytes` to the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        let table = crc32cTable
        var crc = state
        var pointer = base
        var remaining = bytes.count
        while remaining >= 8 {
            let low = crc ^ UInt32(littleEndian: pointer.loadUnaligned(as: UInt32.self))
            let high = UInt32(
                littleEndian: pointer.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            let part1 = table[1792 &+ Int(low & 0xFF)] ^ table[1536 &+ Int((low >> 8) & 0xFF)]
            let part2 = table[1280 &+ Int((low >> 16) & 0xFF)] ^ table[1024 &+ Int(low >> 24)]
            let part3 = table[768 &+ Int(high & 0xFF)] ^ table[512 &+ Int((high >> 8) & 0xFF)]
            let part4 = table[256 &+ Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
            crc = (part1 ^ part2) ^ (part3 ^ part4)
            pointer += 8
            remaining &-= 8
        }
        while remaining > 0 {
            crc = (crc >> 8) ^ table[Int((crc ^ UInt32(pointer.load(as: UInt8.self))) & 0xFF)]
            pointer += 1
            remaining &-= 1
        }
        state = crc
    }
}

/// Eight 256-entry tables for slicing-by-8, back to back: table `k` (entries `256 k ..< 256 (k + 1)`)
/// advances a byte through `k` further zero bytes. Built once and never written again, so sharing
/// the pointer between threads is safe.
private nonisolated(unsafe) let crc32cTable: UnsafePointer<UInt32> = {
    let polynomial: UInt32 = 0x82F6_3B78
    let tables = UnsafeMutablePointer<UInt32>.allocate(capacity: 8 * 256)
    for byte in 0..<256 {
        var crc = UInt32(byte)
        for _ in 0..<8 {
            crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1
        }
        tables[byte] = crc
    }
    for slice in 1..<8 {
        for byte in 0..<256 {
            let previous = tables[(slice - 1) * 256 + byte]
            tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
        }
    }
    return UnsafePointer(tables)
}()
