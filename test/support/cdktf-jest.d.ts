// Types of cdktf's jest matchers, for every test file.
import "cdktf/lib/testing/adapters/jest";
