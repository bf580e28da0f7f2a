print("kith: not built yet")
