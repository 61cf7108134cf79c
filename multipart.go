package telnyx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/google/go-querystring/query"
)

// Multipart is a multipart/form-data request body whose file part is
// streamed from File, never held in memory. When File is also an io.Seeker
// the body is rewound and sent again on a retry; otherwise it is sent once.
type Multipart struct {
	// Form holds the plain fields: a struct with `url` tags, encoded as a
	// query would be, or a url.Values. When it has a Validate method, the
	// engine calls it before sending.
	Form any
	// FileField is the name of the file part, such as "media".
	FileField string
	// FileName is the part's file name; ContentType its type
	// (application/octet-stream when empty).
	FileName    string
	ContentType string
	File        io.Reader
}

// ReaderError is the failure of the caller's body reader during a
// request. The call ends at once, without retrying; [errors.Is] and
// [errors.As] reach the reader's own error through it.
type ReaderError struct {
	Err error
}

// Error names the cause.
func (e *ReaderError) Error() string { return "telnyx: reading the request body: " + e.Err.Error() }

// Unwrap returns the reader's error.
func (e *ReaderError) Unwrap() error { return e.Err }

// body produces a fresh request body for each attempt.
type body struct {
	json   []byte
	mp     *Multipart
	fields url.Values
	start  int64 // offset of a seekable file at the first attempt
	used   bool
	pipe   *io.PipeReader
	writer chan struct{} // closed when the last attempt's writer has returned
	state  *readState    // multipart only
	length int64         // -1 when unknown
	stop   func() bool
}

// readState records a failure of the caller's reader, written by the
// multipart writer goroutine and read by the attempt.
type readState struct {
	mu       sync.Mutex
	err      error
	complete bool // the last attempt's body was written to its end
}

func validate(v any) error {
	if isNil(v) {
		return nil
	}
	if val, ok := v.(Validator); ok {
		return val.Validate()
	}
	return nil
}

func newBody(v any) (body, error) {
	if isNil(v) {
		return body{length: -1}, nil
	}
	if err := validate(v); err != nil {
		return body{}, err
	}
	switch v := v.(type) {
	case *Multipart:
		if isNil(v.File) {
			return body{}, &ValidationError{Field: v.FileField, Reason: "file content is required"}
		}
		if err := validate(v.Form); err != nil {
			return body{}, err
		}
		if err := checkNoSecret("form", v.Form); err != nil {
			return body{}, err
		}
		fields, err := formValues(v.Form)
		if err != nil {
			return body{}, err
		}
		if err := checkValuesNoRedacted("form", fields); err != nil {
			return body{}, err
		}
		b := body{mp: v, fields: fields, length: -1, state: &readState{}}
		if s, ok := v.File.(io.Seeker); ok {
			off, err := s.Seek(0, io.SeekCurrent)
			if err != nil {
				return body{}, &ReaderError{Err: fmt.Errorf("reading the file position: %w", err)}
			}
			b.start = off
		}
		return b, nil
	default:
		data, err := marshalBody(v)
		if err != nil {
			return body{}, err
		}
		return body{json: data, length: int64(len(data))}, nil
	}
}

func formValues(form any) (url.Values, error) {
	if isNil(form) {
		return nil, nil
	}
	if q, ok := form.(url.Values); ok {
		return q, nil
	}
	q, err := query.Values(form)
	if err != nil {
		return nil, fmt.Errorf("telnyx: encoding the form: %w", err)
	}
	return q, nil
}

// replayable reports whether another attempt can send the same bytes.
func (b *body) replayable() bool {
	if b.mp == nil {
		return true
	}
	_, ok := b.mp.File.(io.Seeker)
	return ok
}

// open returns the reader for the next attempt and its content type. It
// waits for the previous attempt's writer only as long as ctx allows.
func (b *body) open(ctx context.Context) (io.Reader, string, error) {
	switch {
	case b.json != nil:
		return bytes.NewReader(b.json), "application/json", nil
	case b.mp == nil:
		return nil, "", nil
	}
	if b.used {
		s, ok := b.mp.File.(io.Seeker)
		if !ok {
			return nil, "", errors.New("telnyx: the file body cannot be sent twice")
		}
		select {
		case <-b.writer: // the previous attempt's writer must be done with the file
		case <-ctx.Done():
			return nil, "", ctx.Err()
		}
		if _, err := s.Seek(b.start, io.SeekStart); err != nil {
			return nil, "", &ReaderError{Err: fmt.Errorf("rewinding the file: %w", err)}
		}
	}
	b.used = true
	if b.state != nil {
		b.state.mu.Lock()
		b.state.complete = false
		b.state.mu.Unlock()
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	b.pipe = pr
	b.stop = context.AfterFunc(ctx, func() { pr.CloseWithError(ctx.Err()) })
	done := make(chan struct{})
	b.writer = done
	go func(mp *Multipart, fields url.Values, st *readState) {
		defer close(done)
		err := writeMultipart(mw, mp, fields, st)
		if err == nil {
			st.mu.Lock()
			st.complete = true // before the close, so a reader at EOF sees it
			st.mu.Unlock()
		}
		pw.CloseWithError(err)
	}(b.mp, b.fields, b.state)
	return pr, mw.FormDataContentType(), nil
}

// abort ends the writer of a streamed body, so that its goroutine returns
// as soon as its current read of the file does, and reports a failure of
// the caller's reader during the attempt.
func (b *body) abort() error {
	if b.stop != nil {
		b.stop()
		b.stop = nil
	}
	if b.pipe != nil {
		b.pipe.CloseWithError(errAttemptDone)
		b.pipe = nil
	}
	if b.state == nil {
		return nil
	}
	b.state.mu.Lock()
	defer b.state.mu.Unlock()
	return b.state.err
}

// incomplete reports whether a streamed body was cut off before its end in
// the last attempt.
func (b *body) incomplete() bool {
	if b.state == nil {
		return false
	}
	b.state.mu.Lock()
	defer b.state.mu.Unlock()
	return !b.state.complete
}

var errAttemptDone = errors.New("telnyx: request attempt finished")

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

func writeMultipart(mw *multipart.Writer, mp *Multipart, fields url.Values, st *readState) error {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range fields[k] {
			if err := mw.WriteField(k, v); err != nil {
				return err
			}
		}
	}
	h := make(textproto.MIMEHeader, 2)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`,
		quoteEscaper.Replace(mp.FileField), quoteEscaper.Replace(mp.FileName)))
	ct := mp.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	part, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(part, readerOnly{mp.File, st}); err != nil {
		return err
	}
	return mw.Close()
}

// readerOnly hides any WriterTo of the file, so that io.Copy reads it and
// a failure of the caller's reader can be told from one of the pipe.
type readerOnly struct {
	r  io.Reader
	st *readState
}

func (r readerOnly) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		st := r.st
		st.mu.Lock()
		if st.err == nil {
			st.err = &ReaderError{Err: err}
		}
		st.mu.Unlock()
	}
	return n, err
}

// isNil reports whether v is nil or a nil pointer, map, slice, func or
// interface, which must not reach a value-receiver method.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Interface, reflect.Chan:
		return rv.IsNil()
	}
	return false
}
