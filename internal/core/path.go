package core

import (
	"net/url"
	"strings"
)

// Path fills the {name} placeholders of tmpl, in order, with args escaped as
// single path segments. An empty value, "." or ".." is refused with a
// *ValidationError naming the placeholder, so user input can never reach
// another endpoint.
func Path(tmpl string, args ...string) (string, error) {
	var b strings.Builder
	b.Grow(len(tmpl) + 16*len(args))
	i := 0
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			b.WriteString(tmpl)
			break
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			b.WriteString(tmpl)
			break
		}
		name := tmpl[open+1 : open+end]
		if i >= len(args) {
			return "", Invalid(name, "missing path parameter")
		}
		v := args[i]
		i++
		switch v {
		case "":
			return "", Invalid(name, "must not be empty")
		case ".", "..":
			return "", Invalid(name, "%q is not allowed as a path segment", v)
		}
		b.WriteString(tmpl[:open])
		b.WriteString(url.PathEscape(v))
		tmpl = tmpl[open+end+1:]
	}
	return b.String(), nil
}
