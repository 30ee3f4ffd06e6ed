"""The importer's tests share `import_helpers` (beside this file: pytest puts a test file's
folder on the path as it imports it). Its plain asserts are rewritten as pytest does in
test files, so that a failing check shows the values."""

import pytest

pytest.register_assert_rewrite("import_helpers")
