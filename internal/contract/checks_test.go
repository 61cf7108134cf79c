package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/url"
	"reflect"
)

// Request checks: the spec validation accepts any request that matches
// the schema, these prove that what the caller set arrived as meant.

// wantPath checks the escaped request path.
func wantPath(path string) func(exchange) error {
	return func(ex exchange) error {
		if ex.Path != path {
			return fmt.Errorf("path is %s, want %s", ex.Path, path)
		}
		return nil
	}
}

// wantQuery checks the decoded query, exactly.
func wantQuery(q url.Values) func(exchange) error {
	return func(ex exchange) error {
		if !reflect.DeepEqual(map[string][]string(ex.Query), map[string][]string(q)) {
			return fmt.Errorf("query is %v, want %v", ex.Query, q)
		}
		return nil
	}
}

// wantJSON checks that the body is the JSON document want.
func wantJSON(want string) func(exchange) error {
	return func(ex exchange) error {
		var got, exp any
		if err := json.Unmarshal(ex.Body, &got); err != nil {
			return fmt.Errorf("body %q is not JSON: %w", ex.Body, err)
		}
		if err := json.Unmarshal([]byte(want), &exp); err != nil {
			return fmt.Errorf("bad expectation: %w", err)
		}
		if !reflect.DeepEqual(got, exp) {
			return fmt.Errorf("body is %s, want %s", ex.Body, want)
		}
		return nil
	}
}

// wantMultipart checks a multipart body: its plain fields exactly, and
// the file part's field name, file name, content type and bytes.
func wantMultipart(fields map[string]string, fileField, fileName, fileType string, content []byte) func(exchange) error {
	return func(ex exchange) error {
		mt, params, err := mime.ParseMediaType(ex.Header.Get("Content-Type"))
		if err != nil || mt != "multipart/form-data" {
			return fmt.Errorf("content type is %q, want multipart/form-data", ex.Header.Get("Content-Type"))
		}
		mr := multipart.NewReader(bytes.NewReader(ex.Body), params["boundary"])
		got := map[string]string{}
		var file []byte
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return fmt.Errorf("reading the multipart body: %w", err)
			}
			b, err := io.ReadAll(part)
			if err != nil {
				return err
			}
			if part.FileName() == "" {
				got[part.FormName()] = string(b)
				continue
			}
			if part.FormName() != fileField || part.FileName() != fileName || part.Header.Get("Content-Type") != fileType {
				return fmt.Errorf("file part is %s=%q (%s), want %s=%q (%s)", part.FormName(), part.FileName(),
					part.Header.Get("Content-Type"), fileField, fileName, fileType)
			}
			file = b
		}
		if !maps.Equal(got, fields) {
			return fmt.Errorf("form fields are %v, want %v", got, fields)
		}
		if !bytes.Equal(file, content) {
			return fmt.Errorf("file content is %q, want %q", file, content)
		}
		return nil
	}
}

// all runs every check.
func all(checks ...func(exchange) error) func(exchange) error {
	return func(ex exchange) error {
		var errs []error
		for _, c := range checks {
			errs = append(errs, c(ex))
		}
		return errors.Join(errs...)
	}
}
