#ifndef KITH_CLIBFUZZER_H
#define KITH_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs with their own main (LLVM's LibFuzzer.rst, "Using libFuzzer as
/// a library"): parses libFuzzer's options from argv and runs `callback` on every input. Linked
/// only in a build with `-sanitize=fuzzer`; kith-fuzz calls it only in that build.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
