package config

import (
	"errors"
	"testing"
)

func TestDefaultFallsBackToTheGivenBaseURL(t *testing.T) {
	t.Setenv("TELNYX_BASE_URL", "")
	if got := Default("https://example.test/v2/").BaseURL; got != "https://example.test/v2" {
		t.Fatalf("BaseURL = %q, want the given root without its trailing slash", got)
	}
	t.Setenv("TELNYX_BASE_URL", "https://env.test/v9")
	if got := Default("https://example.test/v2").BaseURL; got != "https://env.test/v9" {
		t.Fatalf("BaseURL = %q, want the environment's", got)
	}
}

// option stands for the option package's RequestOption: a struct that
// embeds a Setting through an unexported name.
type option struct{ setting }

type setting = Setting

func TestApplyRunsEmbeddedSettingsAndSkipsTheRest(t *testing.T) {
	t.Setenv("TELNYX_BASE_URL", "")
	t.Setenv("TELNYX_API_KEY", "k")
	retries := option{NewSetting(func(c *Config) error { c.MaxRetries = 7; return nil })}
	got, err := Default("https://example.test").Apply([]any{option{}, "not an option", retries})
	if err != nil {
		t.Fatal(err)
	}
	if got.MaxRetries != 7 {
		t.Fatalf("MaxRetries = %d, want 7 from the embedded setting", got.MaxRetries)
	}
	refuse := option{NewSetting(func(*Config) error { return Invalid("WithX", "no") })}
	var oe *OptionError
	if _, err := Default("https://example.test").Apply([]any{refuse}); !errors.As(err, &oe) || oe.Option != "WithX" {
		t.Fatalf("err = %v, want the setting's refusal", err)
	}
}

func TestApplyWithoutKeyReturnsTheSentinel(t *testing.T) {
	t.Setenv("TELNYX_BASE_URL", "")
	t.Setenv("TELNYX_API_KEY", "")
	if _, err := Default("https://example.test").Apply(nil); !errors.Is(err, ErrMissingAPIKey) {
		t.Fatalf("err = %v, want ErrMissingAPIKey", err)
	}
}
