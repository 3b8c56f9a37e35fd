from policyqa.cli import main

if __name__ == "__main__":  # a guard: worker processes (spawn) import this module as __mp_main__
    raise SystemExit(main())
