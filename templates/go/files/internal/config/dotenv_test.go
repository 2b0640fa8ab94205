package config

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoadDotEnvSetsOnlyWhatIsUnset(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	content := "# local settings\nDOTENV_A=one\nexport DOTENV_B=\"two words\"\n\nDOTENV_C='kept'\nDOTENV_SET=from-file\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"DOTENV_A", "DOTENV_B", "DOTENV_C"} {
		t.Setenv(key, "")
		os.Unsetenv(key)
	}
	t.Setenv("DOTENV_SET", "from-environment")
	if err := LoadDotEnv(path); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"DOTENV_A": "one", "DOTENV_B": "two words", "DOTENV_C": "kept", "DOTENV_SET": "from-environment"}
	for key, value := range want {
		if got := os.Getenv(key); got != value {
			t.Errorf("%s = %q, want %q", key, got, value)
		}
	}
}

func TestLoadDotEnvMissingFileIsNoError(t *testing.T) {
	if err := LoadDotEnv(filepath.Join(t.TempDir(), ".env")); err != nil {
		t.Fatalf("missing .env: %v", err)
	}
}

func TestLoadDotEnvNamesTheBadLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte("GOOD=1\nnot a setting\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := LoadDotEnv(path)
	if err == nil || err.Error() != path+`:2: expected KEY=VALUE, got "not a setting"` {
		t.Fatalf("got %v", err)
	}
}
