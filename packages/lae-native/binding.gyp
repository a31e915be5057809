{
  "targets": [
    {
      "target_name": "lae_native",
      "sources": ["src/addon.cc"],
      "cflags_cc": ["-O3", "-std=c++17", "-fopenmp", "-ffp-contract=off"],
      "cflags_cc!": ["-fno-exceptions"],
      "libraries": ["-ldnnl", "-lgomp"]
    }
  ]
}
