package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"
)

// Multipart is a multipart/form-data body whose file part is streamed from
// File, never held in memory. When File is an io.Seeker the body can be
// replayed on retry; otherwise it is sent once.
type Multipart struct {
	Fields      []Field
	FileField   string
	FileName    string
	ContentType string
	File        io.Reader
}

// Field is one plain form field.
type Field struct {
	Name, Value string
}

// body produces a fresh request body for each attempt.
type body struct {
	json   []byte
	mp     *Multipart
	start  int64 // offset of a seekable file at the first attempt
	used   bool
	pipe   *io.PipeReader
	writer chan struct{} // closed when the last attempt's writer has returned
	length int64         // -1 when unknown
}

func newBody(v any) (body, error) {
	if isNil(v) {
		return body{length: -1}, nil
	}
	switch v := v.(type) {
	case *Multipart:
		if v.File == nil {
			return body{}, Invalid(v.FileField, "file content is required")
		}
		b := body{mp: v, length: -1}
		if s, ok := v.File.(io.Seeker); ok {
			off, err := s.Seek(0, io.SeekCurrent)
			if err != nil {
				return body{}, fmt.Errorf("telnyx: reading file position: %w", err)
			}
			b.start = off
		}
		return b, nil
	default:
		if val, ok := v.(Validator); ok {
			if err := val.Validate(); err != nil {
				return body{}, err
			}
		}
		data, err := json.Marshal(v)
		if err != nil {
			return body{}, fmt.Errorf("telnyx: encoding request body: %w", err)
		}
		return body{json: data, length: int64(len(data))}, nil
	}
}

// replayable reports whether another attempt can send the same bytes.
func (b *body) replayable() bool {
	if b.mp == nil {
		return true
	}
	_, ok := b.mp.File.(io.Seeker)
	return ok
}

// open returns the reader for the next attempt and its content type.
func (b *body) open() (io.Reader, string, error) {
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
		<-b.writer // the previous attempt's writer must be done with the file
		if _, err := s.Seek(b.start, io.SeekStart); err != nil {
			return nil, "", fmt.Errorf("telnyx: rewinding file: %w", err)
		}
	}
	b.used = true
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	b.pipe = pr
	done := make(chan struct{})
	b.writer = done
	go func(mp *Multipart) {
		defer close(done)
		pw.CloseWithError(writeMultipart(mw, mp))
	}(b.mp)
	return pr, mw.FormDataContentType(), nil
}

// abort ends the writer of a streamed body, so that no goroutine outlives
// the attempt whatever the HTTP client did with the body: the writer
// returns as soon as its current read of the file does.
func (b *body) abort() {
	if b.pipe != nil {
		b.pipe.CloseWithError(errAttemptDone)
		b.pipe = nil
	}
}

var errAttemptDone = errors.New("telnyx: request attempt finished")

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

func writeMultipart(mw *multipart.Writer, mp *Multipart) error {
	for _, f := range mp.Fields {
		if err := mw.WriteField(f.Name, f.Value); err != nil {
			return err
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
	if _, err := io.Copy(part, mp.File); err != nil {
		return err
	}
	return mw.Close()
}
