// Package route knows the path templates of the API and fills them with
// caller values so that a value can only ever name the operation called:
// each value is escaped as one segment, checked against the format the spec
// declares for its parameter, and refused when it equals a fixed word that
// a sibling route has at the same position.
package route

//go:generate go run ./internal/gen -spec ../contract/testdata/openapi.json -out operations_gen.go

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Format is the declared shape of a path parameter.
type Format uint8

// The formats the spec declares for path parameters.
const (
	Any   Format = iota
	Int64        // digits only, fitting an int64
	UUID         // 8-4-4-4-12 hexadecimal digits
)

// Operation is one endpoint of the API, a row of the generated table
// [Operations].
type Operation struct {
	Method string
	// Template is the path with "{name:format}" or "{name}" placeholders.
	Template string
	// ID is the operationId the spec gives the endpoint.
	ID string
	// Answers are the response keys the spec declares, sorted: statuses
	// such as "200" and "422", and "default".
	Answers []string
}

// Declares reports whether the spec lists answer (a status such as "422",
// or "default") among the operation's responses.
func (op Operation) Declares(answer string) bool {
	return slices.Contains(op.Answers, answer)
}

// Lookup returns the operation whose operationId is id, in the spec's
// spelling and case.
func Lookup(id string) (Operation, bool) {
	for _, op := range Operations {
		if op.ID == id {
			return op, true
		}
	}
	return Operation{}, false
}

// Segments splits the operation's path after its leading "/" into fixed
// words and parameters, each parameter with its declared format.
func (op Operation) Segments() []Segment {
	t, err := parse(plain(op.Template))
	if err != nil {
		panic("route: the table holds a malformed template: " + err.Error())
	}
	out := make([]Segment, len(t.segs))
	for i, s := range t.segs {
		out[i] = s.Segment
	}
	return out
}

// Segment is one part of a path template: a fixed word (Literal), or a
// parameter (Param) with the format the spec declares for it.
type Segment struct {
	Literal string
	Param   string
	Format  Format
}

// Accepts reports whether v has format f; any value has format [Any].
func (f Format) Accepts(v string) bool {
	switch f {
	case Int64:
		return isInt64(v)
	case UUID:
		return IsUUID(v)
	}
	return true
}

// Noun names what a value of format f is, for a message such as "must be
// a UUID".
func (f Format) Noun() string {
	switch f {
	case Int64:
		return "a numeric id"
	case UUID:
		return "a UUID"
	}
	return "a value"
}

// binaryAnswers are the operations whose success is not JSON, by method
// and shape ("{}" for a parameter), with the Accept header they take. The
// spec answers DownloadMedia with the media's own content type, so a
// request asking only for JSON is refused (406).
var binaryAnswers = []struct{ method, shape, accept string }{
	{"GET", "/media/{}/download", "*/*"},
}

// DefaultAccept is the Accept header a request takes when its caller sets
// none: JSON, except for the operations that answer with a file. path is a
// template, with "{name}" placeholders, or an escaped literal path.
func DefaultAccept(method, path string) string {
	for _, b := range binaryAnswers {
		if b.method == method && sameShape(b.shape, path) {
			return b.accept
		}
	}
	return "application/json"
}

// TemplateOf returns the template, in the spec's form ("{name}"), of the
// operation of method whose path a literal path fills, or "" when none
// does. Where several match, the one with the most fixed segments wins, as
// the API routes /external_connections/log_messages before
// /external_connections/{id}.
func TemplateOf(method, path string) string {
	best, bestFixed := "", -1
	for _, op := range Operations {
		if op.Method != method {
			continue
		}
		if fixed, ok := fills(op.Template, path); ok && fixed > bestFixed {
			best, bestFixed = op.Template, fixed
		}
	}
	return plain(best)
}

// fills reports whether path fills template, and how many of its
// segments are fixed words.
func fills(template, path string) (fixed int, ok bool) {
	if !strings.HasPrefix(path, "/") {
		return 0, false
	}
	template, path = template[1:], path[1:]
	for {
		want, restT, moreT := strings.Cut(template, "/")
		got, restP, moreP := strings.Cut(path, "/")
		if moreT != moreP || got == "" {
			return 0, false
		}
		if !strings.HasPrefix(want, "{") {
			if want != got {
				return 0, false
			}
			fixed++
		}
		if !moreT {
			return fixed, true
		}
		template, path = restT, restP
	}
}

// plain drops the formats of a template's placeholders: "{id:int64}"
// becomes "{id}".
func plain(template string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(template, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(template[open:], '}')
		if end < 0 {
			break
		}
		name, _, _ := strings.Cut(template[open+1:open+end], ":")
		b.WriteString(template[:open+1])
		b.WriteString(name)
		b.WriteByte('}')
		template = template[open+end+1:]
	}
	b.WriteString(template)
	return b.String()
}

// sameShape reports whether path has the segments of shape, where "{}" in
// shape stands for any one segment.
func sameShape(shape, path string) bool {
	if !strings.HasPrefix(path, "/") {
		return false
	}
	shape, path = shape[1:], path[1:]
	for {
		want, restShape, moreShape := strings.Cut(shape, "/")
		got, restPath, morePath := strings.Cut(path, "/")
		if moreShape != morePath || got == "" || (want != got && want != "{}") {
			return false
		}
		if !moreShape {
			return true
		}
		shape, path = restShape, restPath
	}
}

// Error reports a path value that was refused; Param names it.
type Error struct {
	Param  string
	Reason string
}

// Error names the parameter and the reason.
func (e *Error) Error() string { return e.Param + ": " + e.Reason }

// segment is a [Segment] with what checking its values needs.
type segment struct {
	Segment
	// reserved are the fixed words that sibling routes have at this
	// position, which a value here must never equal.
	reserved []string
}

// template is a parsed path template.
type template struct {
	segs []segment
}

var (
	mu     sync.RWMutex
	parsed = map[string]*template{} // by template without formats
	// literalsAt lists, for a prefix shape such as "/external_connections/{}",
	// the fixed words that follow it in some route; formats holds, by plain
	// template, the formats of its params.
	literalsAt, formats = index(Operations)
)

// index derives from the table what parsing a template needs.
func index(ops []Operation) (literalsAt map[string][]string, formats map[string][]Format) {
	literalsAt = map[string][]string{}
	formats = map[string][]Format{}
	for _, op := range ops {
		plain, fs, shape := split(op.Template)
		formats[plain] = fs
		for i := 1; i < len(shape); i++ {
			if shape[i] == "{}" {
				continue
			}
			prefix := strings.Join(shape[:i], "/")
			if !contains(literalsAt[prefix], shape[i]) {
				literalsAt[prefix] = append(literalsAt[prefix], shape[i])
			}
		}
	}
	return literalsAt, formats
}

// split turns "/a/{id:int64}/b" into "/a/{id}/b", the formats of its
// params, and its shape ["", "a", "{}", "b"].
func split(t string) (string, []Format, []string) {
	parts := strings.Split(t, "/")
	var fs []Format
	shape := make([]string, len(parts))
	for i, p := range parts {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			name, f, _ := strings.Cut(p[1:len(p)-1], ":")
			var format Format
			switch f {
			case "int64":
				format = Int64
			case "uuid":
				format = UUID
			}
			fs = append(fs, format)
			parts[i] = "{" + name + "}"
			shape[i] = "{}"
			continue
		}
		shape[i] = p
	}
	return strings.Join(parts, "/"), fs, shape
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// parse reads a template with plain "{name}" placeholders, taking the
// formats of a known operation's parameters from the table.
func parse(tmpl string) (*template, error) {
	mu.RLock()
	t := parsed[tmpl]
	mu.RUnlock()
	if t != nil {
		return t, nil
	}
	if tmpl == "" || tmpl[0] != '/' {
		return nil, fmt.Errorf("path template %q must start with /", tmpl)
	}
	plain, _, shape := split(tmpl)
	if plain != tmpl {
		return nil, fmt.Errorf("path template %q: placeholders take no format", tmpl)
	}
	fs := formats[tmpl]
	parts := strings.Split(tmpl, "/")
	t = &template{segs: make([]segment, 0, len(parts)-1)}
	n := 0
	for i := 1; i < len(parts); i++ {
		p := parts[i]
		if shape[i] != "{}" {
			if strings.ContainsAny(p, "{}?#") {
				return nil, fmt.Errorf("path template %q: malformed segment %q", tmpl, p)
			}
			t.segs = append(t.segs, segment{Segment: Segment{Literal: p}})
			continue
		}
		s := segment{Segment: Segment{Param: p[1 : len(p)-1]}, reserved: literalsAt[strings.Join(shape[:i], "/")]}
		if n < len(fs) {
			s.Format = fs[n]
		}
		n++
		t.segs = append(t.segs, s)
	}
	mu.Lock()
	if len(parsed) < 1024 { // templates are constants; bound the cache anyway
		parsed[tmpl] = t
	}
	mu.Unlock()
	return t, nil
}

// Build fills the placeholders of tmpl, in order, with args. Each value is
// checked (see Check) and escaped as a single path segment. A template
// error is a programming error and comes back as a plain error; a refused
// value comes back as *Error.
func Build(tmpl string, args []string) (string, error) { return BuildURL("", tmpl, args) }

// BuildURL is Build with prefix, such as the base URL, written before the
// path, in the same single allocation.
func BuildURL(prefix, tmpl string, args []string) (string, error) {
	t, err := parse(tmpl)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(prefix) + len(tmpl) + 24*len(args))
	b.WriteString(prefix)
	n := 0
	for _, s := range t.segs {
		b.WriteByte('/')
		if s.Param == "" {
			b.WriteString(s.Literal)
			continue
		}
		if n >= len(args) {
			return "", fmt.Errorf("path template %q: missing a value for {%s}", tmpl, s.Param)
		}
		v := args[n]
		n++
		if err := check(s, v); err != nil {
			return "", err
		}
		b.WriteString(escape(v))
	}
	if n != len(args) {
		return "", fmt.Errorf("path template %q: %d values for %d placeholders", tmpl, len(args), n)
	}
	return b.String(), nil
}

func check(s segment, v string) error {
	if reason := SegmentProblem(v); reason != "" {
		return &Error{s.Param, reason}
	}
	if reason := Mismatch(s.Format, v); reason != "" {
		return &Error{s.Param, reason}
	}
	for _, w := range s.reserved {
		if strings.EqualFold(v, w) {
			return &Error{s.Param, fmt.Sprintf("%q would name another endpoint", v)}
		}
	}
	return nil
}

// escape escapes v as one segment. url.PathEscape leaves some characters
// that proxies and servers treat specially; those are escaped too.
func escape(v string) string {
	e := url.PathEscape(v)
	if strings.ContainsAny(e, ";,") {
		e = strings.NewReplacer(";", "%3B", ",", "%2C").Replace(e)
	}
	return e
}

// SegmentProblem is the one rule for the value of a path segment, whether
// it fills a template's placeholder or stands, unescaped, in a literal
// path: it says why v cannot be sent, or returns "" when it can. A value
// must not be empty, "." or "..", must be valid UTF-8 and must hold no
// control character (C0, DEL or C1, such as a line break or NUL). Any other
// character is escaped as needed.
func SegmentProblem(v string) string {
	switch v {
	case "":
		return "must not be empty"
	case ".", "..":
		return fmt.Sprintf("%q is not allowed as a path segment", v)
	}
	if !utf8.ValidString(v) {
		return "must be valid UTF-8"
	}
	if strings.ContainsFunc(v, unicode.IsControl) {
		return "must not contain a control character"
	}
	return ""
}

// CheckPath refuses a literal path, given by a caller of the escape hatch,
// that does not start with "/", holds a query or a fragment or a malformed
// escape, or has a segment that SegmentProblem refuses once unescaped.
func CheckPath(p string) error {
	if p == "" || p[0] != '/' {
		return fmt.Errorf("path %s must start with /", Quote(p))
	}
	if strings.ContainsAny(p, "?#") {
		return fmt.Errorf("path %s must not hold a query or fragment: pass the query separately", Quote(p))
	}
	for _, seg := range strings.Split(p[1:], "/") {
		dec, err := url.PathUnescape(seg)
		if err != nil {
			return fmt.Errorf("path %s has a malformed escape", Quote(p))
		}
		if reason := SegmentProblem(dec); reason != "" {
			return fmt.Errorf("path %s: segment %s %s", Quote(p), Quote(seg), reason)
		}
	}
	return nil
}

// Mismatch says why v does not have format f, or returns "" when it does.
// Path values and the body and query fields the spec gives a format share
// this one rule and its wording.
func Mismatch(f Format, v string) string {
	if f.Accepts(v) {
		return ""
	}
	return "must be " + f.Noun() + ", got " + Quote(v)
}

func isInt64(v string) bool {
	if len(v) == 0 || len(v) > 19 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return len(v) < 19 || v <= "9223372036854775807"
}

// IsUUID reports whether v is a UUID in its canonical text form, in either
// case.
func IsUUID(v string) bool {
	if len(v) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := v[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
				return false
			}
		}
	}
	return true
}

// Quote quotes v for an error message, cut to 64 bytes, so that a hostile
// value cannot flood or forge a log line.
func Quote(v string) string {
	if len(v) > 64 {
		return fmt.Sprintf("%q…", v[:64])
	}
	return fmt.Sprintf("%q", v)
}
