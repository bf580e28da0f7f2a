// KithStorage: storage at the edge of Kith, on the local file system.
//
// - The system calls go through KithSystem (`FileDescriptor`, `FileSystem`, `Errno`); every
//   failure is a typed error and interrupted calls are retried.
// - `Log/`: the append-only segmented log of Protocol/log.md. `RecordFormat`, `SegmentFormat` and
//   `CRC32C` are pure; `SegmentedLog` is the single writer (lock, recovery, buffered appends, group
//   commit); `LogReader` and `LogCursor` read without a lock, also while a writer appends.
