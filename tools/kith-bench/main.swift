print("kith-bench: not built yet")
