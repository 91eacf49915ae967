"""HTTP load and scale benchmarks (QUALITY.md, "Speed and scale"). Start with bench/README.md."""
