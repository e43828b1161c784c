"""Theory exam (机考) rules: questions, blueprint, assembly, scoring, timing.  Pure."""
