// natural's storage modules load dotenv; keep its tips out of the test output.
process.env.DOTENV_CONFIG_QUIET = 'true';
