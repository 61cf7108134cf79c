package telnyx

import (
	"encoding/json"
	"testing"
)

// decodePlain must agree with json.Unmarshal on every input it takes, and
// leave to it every input it does not.
func FuzzDecodePlainAgreesWithJSON(f *testing.F) {
	for _, s := range []string{`"abc"`, `""`, `"a\"b"`, `"é"`, `"\u00e9"`, "\"a\x01\"", `"`, `x"`,
		`0`, `-0`, `7`, `-42`, `007`, `+5`, `1e3`, `1.5`, `9223372036854775807`, `99999999999999999999`, `-`, ``,
		`true`, `false`, `True`, `null`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		agree[string](t, b)
		agree[int](t, b)
		agree[bool](t, b)
	})
}

func agree[T comparable](t *testing.T, b []byte) {
	t.Helper()
	var fast T
	if !decodePlain(&fast, b) {
		return
	}
	var want T
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("decodePlain took %q, which json.Unmarshal refuses: %v", b, err)
	}
	if fast != want {
		t.Fatalf("decodePlain(%q) = %v, json.Unmarshal gives %v", b, fast, want)
	}
}

func TestNullableDecodesWhatJSONDecodes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in     string
		want   Nullable[string]
		refuse bool
	}{
		{`"https://x.example/hooks"`, NewNullable("https://x.example/hooks"), false},
		{`"a\nb"`, NewNullable("a\nb"), false},
		{`"é"`, NewNullable("é"), false},
		{`null`, Null[string](), false},
		{`5`, Nullable[string]{}, true},
	} {
		var got Nullable[string]
		err := json.Unmarshal([]byte(tc.in), &got)
		if (err != nil) != tc.refuse || got != tc.want {
			t.Errorf("%s: got %#v, %v", tc.in, got, err)
		}
	}
	var n Nullable[int]
	if err := json.Unmarshal([]byte(`007`), &n); err == nil {
		t.Errorf("a leading zero decoded as %v", n)
	}
	if err := json.Unmarshal([]byte(`-30`), &n); err != nil || n != NewNullable(-30) {
		t.Errorf("-30 decoded as %#v, %v", n, err)
	}
}
