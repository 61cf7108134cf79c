package route

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// param is one placeholder of a template, as the test reads it.
type param struct {
	name   string
	format string // "", "int64" or "uuid"
	pos    int    // index of its segment in strings.Split(template, "/")
}

// params reads the placeholders of a template with formats.
func params(tmpl string) []param {
	var out []param
	for i, seg := range strings.Split(tmpl, "/") {
		if strings.HasPrefix(seg, "{") {
			name, format, _ := strings.Cut(strings.Trim(seg, "{}"), ":")
			out = append(out, param{name: name, format: format, pos: i})
		}
	}
	return out
}

func good(p param) string {
	switch p.format {
	case "int64":
		return "1293384261075731499"
	case "uuid":
		return "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6"
	}
	return "my-name"
}

func goodArgs(tmpl string) []string {
	var args []string
	for _, p := range params(tmpl) {
		args = append(args, good(p))
	}
	return args
}

// siblingWords computes, independently of the package, the fixed words
// that another route has at the position of p in tmpl.
func siblingWords(tmpl string, p param) []string {
	shape := func(t string) []string {
		parts := strings.Split(t, "/")
		for i, s := range parts {
			if strings.HasPrefix(s, "{") {
				parts[i] = "{}"
			}
		}
		return parts
	}
	mine := shape(tmpl)
	seen := map[string]bool{}
	var words []string
	for _, op := range Operations {
		other := shape(op.Template)
		if len(other) <= p.pos || strings.HasPrefix(other[p.pos], "{") {
			continue
		}
		if strings.Join(other[:p.pos], "/") != strings.Join(mine[:p.pos], "/") {
			continue
		}
		if w := other[p.pos]; !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}

var hostileValues = []string{
	"", ".", "..", "/", "a/b", "../recordings", "..%2f..%2f", "%2e%2e", "a?b=c", "a#b", "a;b", "a,b",
	"log_messages", "status", "refresh", "actions", "download", "uploads", "LOG_MESSAGES", "Actions",
	"a b", " ", "\x00", "a\r\nX-Injected: 1", "\t", "ü", "日本", "\u202e", "%", "%zz", "+1 555", "\xff\xfe",
	"1293384261075731499", "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6", strings.Repeat("x", 2000),
	"9223372036854775807", "9223372036854775808", "-1", "0x10", "007", "7B6A6449-B055-45A6-81F6-F6F0DFFA4CC6",
	"7b6a6449b05545a681f6f6f0dffa4cc6", "{id}", "*", "~", "a&b", "a=b", "@", ":", "a:b",
}

func TestOperationsTable(t *testing.T) {
	t.Parallel()
	require.Len(t, Operations, 48)
	seen := map[string]bool{}
	for _, op := range Operations {
		key := op.Method + " " + plain(op.Template)
		assert.False(t, seen[key], "duplicate %s", key)
		seen[key] = true
		assert.True(t, strings.HasPrefix(op.Template, "/"), op.Template)
		assert.NotEmpty(t, op.ID)
	}
}

// TestBuildGoodValues fills every template with good values: the path is
// the template with each placeholder replaced by its value.
func TestBuildGoodValues(t *testing.T) {
	t.Parallel()
	for _, op := range Operations {
		t.Run(op.Method+" "+op.Template, func(t *testing.T) {
			t.Parallel()
			args := goodArgs(op.Template)
			got, err := Build(plain(op.Template), args)
			require.NoError(t, err)
			want := strings.Split(op.Template, "/")
			for i, p := range params(op.Template) {
				want[p.pos] = args[i]
			}
			assert.Equal(t, strings.Join(want, "/"), got)
		})
	}
}

// TestBuildHostileValues: at every position of every template, any value
// is either refused with an *Error naming the parameter, or lands escaped
// in its own segment and round-trips.
func TestBuildHostileValues(t *testing.T) {
	t.Parallel()
	for _, op := range Operations {
		for k, p := range params(op.Template) {
			t.Run(op.Method+" "+op.Template+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				for _, v := range hostileValues {
					args := goodArgs(op.Template)
					args[k] = v
					checkOne(t, op.Template, k, p, args, v)
				}
			})
		}
	}
}

func checkOne(t *testing.T, tmpl string, k int, p param, args []string, v string) {
	t.Helper()
	got, err := Build(plain(tmpl), args)
	if err != nil {
		var re *Error
		require.True(t, errors.As(err, &re), "value %q: want *Error, got %v", v, err)
		assert.Equal(t, p.name, re.Param, "value %q", v)
		assert.NotContains(t, re.Error(), "\n")
		return
	}
	want := strings.Split(tmpl, "/")
	segs := strings.Split(got, "/")
	require.Len(t, segs, len(want), "value %q gave %s, not the shape of %s", v, got, tmpl)
	for i, w := range want {
		if !strings.HasPrefix(w, "{") {
			assert.Equal(t, w, segs[i], "value %q moved a fixed segment: %s", v, got)
		}
	}
	un, uerr := url.PathUnescape(segs[p.pos])
	require.NoError(t, uerr, "value %q", v)
	assert.Equal(t, v, un, "value %q must round-trip", v)
	assert.NotContains(t, segs[p.pos], "?")
	assert.NotContains(t, segs[p.pos], "#")
	assert.NotContains(t, segs[p.pos], ";")
	assert.NotContains(t, segs[p.pos], ",")
	switch p.format {
	case "int64":
		assert.True(t, isInt64(v), "accepted %q as an int64 id", v)
	case "uuid":
		assert.True(t, IsUUID(v), "accepted %q as a uuid", v)
	}
	assert.NotContains(t, siblingWordsFold(tmpl, p), strings.ToLower(v), "accepted a sibling route's word")
}

func siblingWordsFold(tmpl string, p param) []string {
	var out []string
	for _, w := range siblingWords(tmpl, p) {
		out = append(out, strings.ToLower(w))
	}
	return out
}

// TestReservedWordsPerPosition: at every position, each fixed word of a
// sibling route, in any case, is refused naming the parameter.
func TestReservedWordsPerPosition(t *testing.T) {
	t.Parallel()
	total := 0
	for _, op := range Operations {
		for k, p := range params(op.Template) {
			for _, w := range siblingWords(op.Template, p) {
				for _, v := range []string{w, strings.ToUpper(w)} {
					total++
					args := goodArgs(op.Template)
					args[k] = v
					_, err := Build(plain(op.Template), args)
					var re *Error
					if assert.True(t, errors.As(err, &re), "%s: %q at {%s} must be refused", op.Template, v, p.name) {
						assert.Equal(t, p.name, re.Param)
					}
				}
			}
		}
	}
	assert.Positive(t, total)
}

// TestReservedWordsNamed pins the words the issue names, and that a value
// only collides with the words of its own position.
func TestReservedWordsNamed(t *testing.T) {
	t.Parallel()
	const ticket = "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6"
	cases := []struct {
		tmpl   string
		args   []string
		param  string
		reason string // substring; "" when accepted
	}{
		{"/external_connections/{id}", []string{"log_messages"}, "id", "numeric"},
		{"/external_connections/{id}/uploads/{ticket_id}", []string{"1", "status"}, "ticket_id", "UUID"},
		{"/external_connections/{id}/uploads/{ticket_id}", []string{"1", "refresh"}, "ticket_id", "UUID"},
		{"/external_connections/{id}/uploads/{ticket_id}/retry", []string{"1", "status"}, "ticket_id", "UUID"},
		{"/recordings/{recording_id}", []string{"actions"}, "recording_id", "another endpoint"},
		{"/recordings/{recording_id}", []string{"AcTiOnS"}, "recording_id", "another endpoint"},
		{"/external_connections/{id}/phone_numbers/{phone_number_id}", []string{"1", "+15551234567"}, "", ""},
		{"/external_connections/{id}/phone_numbers/{phone_number_id}", []string{"1", "status"}, "", ""},
		{"/media/{media_name}", []string{"download"}, "", ""},
		{"/media/{media_name}", []string{"actions"}, "", ""},
		{"/siprec_connectors/{connector_name}", []string{"log_messages"}, "", ""},
		{"/external_connections/{id}/uploads/{ticket_id}", []string{"1", ticket}, "", ""},
		{"/external_connections/{id}", []string{"-1"}, "id", "numeric"},
		{"/external_connections/{id}", []string{"9223372036854775808"}, "id", "numeric"},
		{"/external_connections/{id}", []string{"9223372036854775807"}, "", ""},
		{"/external_connections/{id}/locations/{location_id}", []string{"1", ticket}, "id", "UUID"},
		{"/recording_transcriptions/{recording_transcription_id}", []string{strings.ToUpper(ticket)}, "", ""},
	}
	for _, tc := range cases {
		got, err := Build(tc.tmpl, tc.args)
		if tc.reason == "" {
			assert.NoError(t, err, "%s %q", tc.tmpl, tc.args)
			assert.NotEmpty(t, got)
			continue
		}
		var re *Error
		if assert.True(t, errors.As(err, &re), "%s %q: %v", tc.tmpl, tc.args, err) {
			assert.Equal(t, tc.param, re.Param)
			assert.Contains(t, re.Reason, tc.reason)
		}
	}
}

// TestBuildTemplateMistakes are programming errors: plain errors, not a
// refused value.
func TestBuildTemplateMistakes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tmpl string
		args []string
	}{
		{"media/{media_name}", []string{"a"}},
		{"", nil},
		{"/external_connections/{id:int64}", []string{"1"}},
		{"/media/{media_name}", nil},
		{"/media/{media_name}", []string{"a", "b"}},
		{"/media?x/{media_name}", []string{"a"}},
		{"/me{dia/{media_name}", []string{"a"}},
	} {
		_, err := Build(tc.tmpl, tc.args)
		require.Error(t, err, "%q %q", tc.tmpl, tc.args)
		var re *Error
		assert.False(t, errors.As(err, &re), "%q: a template mistake is not a refused value", tc.tmpl)
	}
	// A template the table does not know still gets the sibling words of
	// the routes it shares a prefix with.
	_, err := Build("/external_connections/{x}/anything", []string{"log_messages"})
	var re *Error
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "x", re.Param)
}

func TestCheckPath(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"/media", "/media/a%2Fb", "/external_connections/1/uploads"} {
		assert.NoError(t, CheckPath(p), p)
	}
	for _, p := range []string{"", "media", "/media?x=1", "/media#f", "//media", "/media/", "/a/../b", "/./a", "/a/.."} {
		assert.Error(t, CheckPath(p), p)
	}
}

func TestIsUUIDAndQuote(t *testing.T) {
	t.Parallel()
	assert.True(t, IsUUID("7b6a6449-b055-45a6-81f6-f6f0dffa4cc6"))
	assert.True(t, IsUUID("7B6A6449-B055-45A6-81F6-F6F0DFFA4CC6"))
	for _, v := range []string{"", "7b6a6449b05545a681f6f6f0dffa4cc6", "7b6a6449-b055-45a6-81f6-f6f0dffa4cc", "{7b6a6449-b055-45a6-81f6-f6f0dffa4cc6}", "7b6a6449-b055-45a6-81f6-f6f0dffa4cg6", "7b6a6449_b055-45a6-81f6-f6f0dffa4cc6"} {
		assert.False(t, IsUUID(v), v)
	}
	q := Quote(strings.Repeat("a\n", 100))
	assert.NotContains(t, q, "\n")
	assert.Less(t, len(q), 160)
}

// FuzzBuild: whatever the value and wherever it goes, Build refuses it
// naming the parameter or puts it, escaped, in its own segment.
func FuzzBuild(f *testing.F) {
	for i, v := range hostileValues {
		f.Add(i, v)
	}
	f.Add(10, "log_messages")
	f.Add(26, "refresh")
	f.Add(43, "actions")
	f.Fuzz(func(t *testing.T, which int, v string) {
		type slot struct {
			tmpl string
			k    int
			p    param
		}
		var slots []slot
		for _, op := range Operations {
			for k, p := range params(op.Template) {
				slots = append(slots, slot{op.Template, k, p})
			}
		}
		s := slots[((which%len(slots))+len(slots))%len(slots)]
		args := goodArgs(s.tmpl)
		args[s.k] = v
		checkOne(t, s.tmpl, s.k, s.p, args, v)
	})
}

func TestCheckPathRefusesDisguisedSegments(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"/media/%2e%2e", "/media/%2E", "/a/%zz", "/a/%00", "/a/%0d%0a", "/a//b", "/a/../b", "media", "/a?b", "/a#b"} {
		if err := CheckPath(p); err == nil {
			t.Errorf("CheckPath(%q) accepted a path that could name another endpoint", p)
		}
	}
	for _, p := range []string{"/media", "/media/a%20b", "/external_connections/1/uploads/status", "/x/%2e%2e%2e", "/media/a%2Fb"} {
		if err := CheckPath(p); err != nil {
			t.Errorf("CheckPath(%q): %v", p, err)
		}
	}
}

// TestOneRuleForTemplateAndLiteralPaths: a value is refused in a template's
// placeholder exactly when the same value, escaped or not, is refused in a
// literal path, and both errors give the same reason.
func TestOneRuleForTemplateAndLiteralPaths(t *testing.T) {
	t.Parallel()
	values := append([]string{"\n", "a\nb", "\x7f", "a\x7fb", "\u0085", "\u009f", "\xff", "a\tb", "\r"}, hostileValues...)
	refused := 0
	for _, v := range values {
		_, tmplErr := Build("/media/{media_name}", []string{v})
		litErr := CheckPath("/media/" + url.PathEscape(v))
		if tmplErr == nil {
			assert.NoError(t, litErr, "value %q is sent from a template, so a literal path must take it", v)
			continue
		}
		refused++
		require.Error(t, litErr, "value %q is refused in a template, so a literal path must refuse it", v)
		reason := SegmentProblem(v)
		require.NotEmpty(t, reason, "value %q", v)
		assert.Contains(t, tmplErr.Error(), reason)
		assert.Contains(t, litErr.Error(), reason)
		if !strings.ContainsAny(v, "/?#%") {
			assert.Error(t, CheckPath("/media/"+v), "value %q unescaped in a literal path", v)
		}
	}
	for _, v := range []string{"\n", "a\nb", "\x7f", "\u0085", "\xff", "\x00", "\t"} {
		assert.NotEmpty(t, SegmentProblem(v), "control characters and invalid UTF-8 are refused: %q", v)
	}
	for _, v := range []string{"ü", "日本", "a b", "+1 555", "a;b", "%", "\u202e"} {
		assert.Empty(t, SegmentProblem(v), "printable text is escaped and sent: %q", v)
	}
	assert.Greater(t, refused, 8)
}

func TestDefaultAccept(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ method, path, want string }{
		{"GET", "/media/{media_name}/download", "*/*"},
		{"GET", "/media/a%20b/download", "*/*"},
		{"GET", "/media/download/download", "*/*"},
		{"GET", "/media/{media_name}", "application/json"},
		{"GET", "/media//download", "application/json"},
		{"GET", "/media/x/download/more", "application/json"},
		{"GET", "/media/download", "application/json"},
		{"DELETE", "/media/x/download", "application/json"},
		{"GET", "media/x/download", "application/json"},
		{"GET", "/recordings", "application/json"},
		{"GET", "", "application/json"},
	} {
		assert.Equal(t, tc.want, DefaultAccept(tc.method, tc.path), "%s %s", tc.method, tc.path)
	}
}

func TestDefaultAcceptDoesNotAllocate(t *testing.T) { //nolint:paralleltest // AllocsPerRun refuses parallel tests
	assert.Zero(t, testing.AllocsPerRun(100, func() { DefaultAccept("GET", "/media/a/download") }))
}

func TestTemplateOfALiteralPath(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ method, path, want string }{
		{"GET", "/recordings/3fa85f64-5717-4562-b3fc-2c963f66afa6", "/recordings/{recording_id}"},
		{"GET", "/recordings", "/recordings"},
		{"GET", "/external_connections/log_messages", "/external_connections/log_messages"},
		{"GET", "/external_connections/1293384261075731499", "/external_connections/{id}"},
		{"PATCH", "/external_connections/12/locations/c37e5036", "/external_connections/{id}/locations/{location_id}"},
		{"GET", "/media/a%2Fb/download", "/media/{media_name}/download"},
		{"POST", "/recordings/actions/delete", "/recordings/actions/delete"},
		// No operation: nothing that could hold an id is reported.
		{"GET", "/calls/v3:abc", ""},
		{"PUT", "/recordings/3fa85f64", ""},
		{"GET", "/recordings/", ""},
		{"GET", "recordings", ""},
	} {
		assert.Equal(t, tc.want, TemplateOf(tc.method, tc.path), "%s %s", tc.method, tc.path)
	}
}

func TestLookupAndSegments(t *testing.T) {
	t.Parallel()
	op, ok := Lookup("RetryUpload")
	require.True(t, ok)
	assert.Equal(t, Operation{"POST", "/external_connections/{id:int64}/uploads/{ticket_id:uuid}/retry", "RetryUpload", []string{"202", "401", "404", "409", "422"}}, op)
	assert.True(t, op.Declares("422"))
	assert.False(t, op.Declares("400"))
	assert.False(t, op.Declares("default"))
	assert.Equal(t, []Segment{
		{Literal: "external_connections"},
		{Param: "id", Format: Int64},
		{Literal: "uploads"},
		{Param: "ticket_id", Format: UUID},
		{Literal: "retry"},
	}, op.Segments())
	for _, id := range []string{"retryUpload", "", "ListRecordings"} {
		_, ok := Lookup(id)
		assert.False(t, ok, "%q is not an operationId of the spec", id)
	}
	for _, op := range Operations {
		got, ok := Lookup(op.ID)
		assert.True(t, ok, op.ID)
		assert.Equal(t, op, got)
		segs := op.Segments()
		segs[0].Literal = "changed"
		assert.NotEqual(t, "changed", op.Segments()[0].Literal, "%s: Segments hands out a copy", op.ID)
	}
}

func TestFormatAcceptsAndNoun(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		f    Format
		v    string
		want bool
	}{
		{Int64, "9223372036854775807", true},
		{Int64, "9223372036854775808", false},
		{Int64, "", false},
		{Int64, "-1", false},
		{UUID, "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6", true},
		{UUID, "1", false},
		{Any, "", true},
		{Any, "anything", true},
	} {
		assert.Equal(t, tc.want, tc.f.Accepts(tc.v), "%v %q", tc.f, tc.v)
		assert.Equal(t, tc.want, Mismatch(tc.f, tc.v) == "", "%v %q", tc.f, tc.v)
	}
	assert.Equal(t, "a numeric id", Int64.Noun())
	assert.Equal(t, "a UUID", UUID.Noun())
	assert.Equal(t, "must be a UUID, got \"1\"", Mismatch(UUID, "1"))
}
