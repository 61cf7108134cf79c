package testutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// Shapes nests v every way a program may hold it: as a value, behind a
// pointer, in a struct, a slice and a map.
func Shapes[T any](v T) map[string]any {
	return map[string]any{
		"value": v, "pointer": &v,
		"struct": struct{ V T }{v}, "struct of pointer": struct{ V *T }{&v},
		"slice": []T{v}, "slice of pointers": []*T{&v},
		"map": map[string]T{"k": v}, "map of pointers": map[string]*T{"k": &v},
	}
}

// Sinks renders v through every fmt verb, both slog handlers at debug
// level (plain and in a group), and encoding/json, keyed by sink.
func Sinks(t *testing.T, v any) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v"} {
		out[verb] = fmt.Sprintf(verb, v)
	}
	debug := &slog.HandlerOptions{Level: slog.LevelDebug}
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, debug) },
		"slog json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, debug) },
	} {
		var buf bytes.Buffer
		slog.New(h(&buf)).Debug("telnyx", "v", v, slog.Group("g", slog.Any("v", v)))
		out[name] = buf.String()
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	out["json"] = string(b)
	return out
}
