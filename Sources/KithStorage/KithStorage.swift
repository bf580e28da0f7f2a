// KithStorage: storage at the edge of Kith, on the local file system.
//
// - `Posix/`: thin typed wrappers over the system calls used here (`FileDescriptor`, `FileSystem`,
//   `Errno`); every failure is a typed error and interrupted calls are retried.
// - `Log/`: the append-only segmented log of Protocol/log.md. `RecordFormat`, `SegmentFormat` and
//   `CRC32C` are pure; `SegmentedLog` is the single writer (lock, recovery, buffered appends, group
//   commit); `LogReader` and `LogCursor` read without a lock, also while a writer appends.
