// expect: E211 line 5: records cannot be added
defaults = {retries: 3}
overrides = {retries: 5}

settings = defaults + overrides

settings.retries
