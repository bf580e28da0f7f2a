print("kith-log: not built yet")
