#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The C functions whose names `FileDescriptor` and `FileSystem` reuse for their own methods,
// reachable under another name so those types can call them on Glibc and Darwin alike.

/// The C function `open`.
@inline(__always)
func systemOpen(_ path: String, _ flags: Int32, _ permissions: mode_t) -> Int32 {
    open(path, flags, permissions)
}

/// The C function `write`.
@inline(__always)
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// The C function `close`.
@inline(__always)
func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}

/// The C function `rename`.
@inline(__always)
func systemRename(_ source: String, _ destination: String) -> Int32 {
    rename(source, destination)
}
