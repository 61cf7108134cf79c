package telnyxtest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// errFamily selects the error body flavour of a group of endpoints.
type errFamily int

const (
	familyDefault errFamily = iota
	// familySiprec uses integer error codes (the spec's siprec_Error).
	familySiprec
)

type errSource struct {
	Pointer   string `json:"pointer,omitempty"`
	Parameter string `json:"parameter,omitempty"`
}

type apiError struct {
	Code   any        `json:"code"`
	Title  string     `json:"title"`
	Detail string     `json:"detail,omitempty"`
	Source *errSource `json:"source,omitempty"`
}

// codeFor maps an HTTP status to a Telnyx error code and title.
func codeFor(status int) (int, string) {
	switch status {
	case http.StatusBadRequest:
		return 10015, "Bad Request"
	case http.StatusUnauthorized:
		return 10009, "Authentication failed"
	case http.StatusForbidden:
		return 10010, "Authorization failed"
	case http.StatusNotFound:
		return 10005, "Resource not found"
	case http.StatusMethodNotAllowed:
		return 10005, "Method not allowed"
	case http.StatusNotAcceptable:
		return 10015, "Not acceptable"
	case http.StatusConflict:
		return 10015, "Conflict"
	case http.StatusRequestEntityTooLarge:
		return 10015, "Payload too large"
	case http.StatusUnprocessableEntity:
		return 10015, "Invalid parameter"
	case http.StatusTooManyRequests:
		return 10011, "Too many requests"
	}
	if status >= 500 {
		return 10007, "Unexpected error"
	}
	return 10015, http.StatusText(status)
}

// errorResponse builds a Telnyx error body for status; src may be nil.
func errorResponse(family errFamily, status int, detail string, src *errSource) *response {
	code, title := codeFor(status)
	e := apiError{Title: title, Detail: detail, Source: src}
	if family == familySiprec {
		e.Code = code
	} else {
		e.Code = strconv.Itoa(code)
	}
	return jsonResponse(status, map[string]any{"errors": []apiError{e}})
}

func jsonResponse(status int, v any) *response {
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(`{"errors":[{"code":"10007","title":"Unexpected error"}]}`)
		status = http.StatusInternalServerError
	}
	r := &response{status: status, body: b}
	r.header().Set("Content-Type", "application/json")
	return r
}

// Helpers bound to the current call's error family.

func (c *call) notFound(what string) *response {
	return errorResponse(c.family, http.StatusNotFound, what+" not found", nil)
}

// invalidField answers with the operation's validation status (422 or 400,
// as its spec declares) and a source pointer.
func (c *call) invalidField(pointer, detail string) *response {
	return errorResponse(c.family, c.invalid, detail, &errSource{Pointer: pointer})
}

// invalidParam is invalidField for a query parameter.
func (c *call) invalidParam(param, detail string) *response {
	return errorResponse(c.family, c.invalid, detail, &errSource{Parameter: param})
}

// badRequest answers a body that cannot be parsed at all.
func (c *call) badRequest(detail string) *response {
	return errorResponse(c.family, c.malformed, detail, nil)
}

func (c *call) status(status int, detail string) *response {
	return errorResponse(c.family, status, detail, nil)
}

// missing answers a required field that is absent; pointer is its JSON
// pointer, such as "/outbound/outbound_voice_profile_id".
func (c *call) missing(pointer string) *response {
	return c.invalidField(pointer, "The '"+fieldName(pointer)+"' parameter is required.")
}

// fieldName spells a JSON pointer the way error details name fields:
// "/outbound/channel_limit" becomes "outbound.channel_limit".
func fieldName(pointer string) string {
	return strings.ReplaceAll(strings.TrimPrefix(pointer, "/"), "/", ".")
}

// decode unmarshals the request body into v. An empty body decodes as {}.
// Syntax errors give 400, type mismatches 422 naming the field.
func (c *call) decode(v any) *response {
	b := c.body
	if len(strings.TrimSpace(string(b))) == 0 {
		b = []byte("{}")
	}
	err := json.Unmarshal(b, v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		ptr := "/" + strings.ReplaceAll(te.Field, ".", "/")
		return c.invalidField(ptr, "The '"+te.Field+"' parameter has the wrong type (expected "+jsonKind(te.Type.Kind().String())+").")
	}
	if errors.As(err, &te) {
		return c.badRequest("The request body must be a JSON object.")
	}
	return c.badRequest("The request body is not valid JSON: " + err.Error())
}

// stringItems decodes the items of a JSON array that must be non-empty
// strings; a bad item is reported at pointer/<index>.
func (c *call) stringItems(pointer string, raw []json.RawMessage) ([]string, *response) {
	out := make([]string, len(raw))
	for i, r := range raw {
		at := pointer + "/" + itoa(i)
		if err := json.Unmarshal(r, &out[i]); err != nil || string(r) == "null" {
			return nil, c.invalidField(at, "The '"+fieldName(at)+"' item must be a string.")
		}
		if out[i] == "" {
			return nil, c.invalidField(at, "The '"+fieldName(at)+"' item must not be empty.")
		}
	}
	return out, nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "int", "int32", "int64", "float64":
		return "number"
	case "slice":
		return "array"
	case "map", "struct", "ptr":
		return "object"
	}
	return goKind
}

func itoa(n int) string { return strconv.Itoa(n) }
