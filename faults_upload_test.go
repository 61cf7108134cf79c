package telnyx_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// uploadServer reads multipart uploads, hashing the file part of each, and
// answers with status.
func uploadServer(t *testing.T, status int) (*counter, func() []string, string) {
	var (
		mu     sync.Mutex
		hashes []string
	)
	srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err == nil {
			mr := multipart.NewReader(r.Body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err != nil {
					break
				}
				if p.FormName() == "media" {
					h := sha256.New()
					if _, err := io.Copy(h, p); err == nil {
						mu.Lock()
						hashes = append(hashes, fmt.Sprintf("%x", h.Sum(nil)))
						mu.Unlock()
					}
				}
			}
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, `{"data":{"media_name":"a"}}`)
	})
	return seen, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), hashes...)
	}, srv.URL
}

func upload(ctx context.Context, c *telnyx.Client, method string, file io.Reader, opts ...option.RequestOption) error {
	_, err := c.Do(ctx, telnyx.Request{Method: method, Path: "/media", Body: &telnyx.Multipart{
		Form: url.Values{"ttl_secs": {"60"}}, FileField: "media", FileName: "a.wav", ContentType: "audio/wav", File: file,
	}}, nil, opts...)
	return err
}

// seekableFailing is a seekable reader that fails after some bytes.
type seekableFailing struct {
	*bytes.Reader
	fail error
	left int
}

func (s *seekableFailing) Read(p []byte) (int, error) {
	if s.left <= 0 {
		return 0, s.fail
	}
	n, err := s.Reader.Read(p[:min(len(p), s.left)])
	s.left -= n
	return n, err
}

// TestFaultUploads: a failing reader ends the call at once, a blocked one
// cannot outlast the deadline, and a reader that cannot seek is sent once.
func TestFaultUploads(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	errBoom := errors.New("disk on fire")
	payload := bytes.Repeat([]byte("wav!"), 64<<10)
	for _, tc := range []struct {
		name   string
		method string
		file   func() io.Reader
		opts   []option.RequestOption
	}{
		{"failing reader, POST", http.MethodPost, func() io.Reader { return &failingReader{n: 100 << 10, err: errBoom} }, nil},
		{"failing reader at once, PUT", http.MethodPut, func() io.Reader { return &failingReader{err: errBoom} }, nil},
		{"failing seekable reader, PUT with RetryWrites", http.MethodPut, func() io.Reader {
			return &seekableFailing{Reader: bytes.NewReader(payload), fail: errBoom, left: 70 << 10}
		}, []option.RequestOption{option.WithRetryWrites()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			seen, _, base := uploadServer(t, http.StatusOK)
			c, a := faultClient(t, base, tc.opts...)
			err := upload(t.Context(), c, tc.method, tc.file())
			var re *telnyx.ReaderError
			require.ErrorAs(t, err, &re)
			assert.ErrorIs(t, err, errBoom)
			assert.Equal(t, 1, a.count(), "a failing reader is never retried")
			assert.LessOrEqual(t, seen.count(), 1)
			faultRow(t, "upload: "+tc.name, "ReaderError, errors.Is finds the cause, 1 attempt", describe(err), seen.count())
		})
	}
	for _, tc := range []struct {
		name       string
		seekable   bool
		perAttempt time.Duration
		deadline   time.Duration
	}{
		{"blocked reader vs context deadline", false, 0, 200 * time.Millisecond},
		{"blocked reader vs request timeout", false, 100 * time.Millisecond, 0},
		{"blocked seekable reader vs request timeout", true, 100 * time.Millisecond, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			seen, _, base := uploadServer(t, http.StatusOK)
			var opts []option.RequestOption
			if tc.perAttempt > 0 {
				opts = append(opts, option.WithRequestTimeout(tc.perAttempt))
			}
			c, a := faultClient(t, base, opts...)
			br := newBlockingReader(t)
			var file io.Reader = br
			if tc.seekable {
				file = struct {
					io.Reader
					io.Seeker
				}{br, bytes.NewReader(nil)}
			}
			ctx := t.Context()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
				defer cancel()
			}
			elapsed, err := within(t, 3*time.Second, br.Release, func() error { return upload(ctx, c, http.MethodPut, file) })
			require.Error(t, err)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Less(t, elapsed, time.Second, "a blocked reader cannot hold the call")
			assert.Equal(t, 1, a.count())
			assert.LessOrEqual(t, seen.count(), 1)
			faultRow(t, "upload: "+tc.name, "deadline, returns on time", fmt.Sprintf("%s after %s", describe(err), elapsed.Round(10*time.Millisecond)), seen.count())
		})
	}
	t.Run("non-seekable reader is sent once on 500", func(t *testing.T) {
		noLeak(t)
		seen, hashes, base := uploadServer(t, http.StatusInternalServerError)
		c, a := faultClient(t, base)
		err := upload(t.Context(), c, http.MethodPut, onlyReader{bytes.NewReader(payload)})
		require.ErrorIs(t, err, telnyx.ErrServer)
		assert.Equal(t, 1, a.count())
		assert.Equal(t, 1, seen.count())
		assert.Len(t, hashes(), 1)
		faultRow(t, "upload: non-seekable reader, PUT answered 500", "*telnyx.Error 500, sent once", describe(err), seen.count())
	})
	t.Run("non-seekable reader is sent once on 429", func(t *testing.T) {
		noLeak(t)
		seen, _, base := uploadServer(t, http.StatusTooManyRequests)
		c, _ := faultClient(t, base)
		err := upload(t.Context(), c, http.MethodPost, onlyReader{bytes.NewReader(payload)})
		require.ErrorIs(t, err, telnyx.ErrRateLimited)
		assert.Equal(t, 1, seen.count())
		faultRow(t, "upload: non-seekable reader, POST answered 429", "*telnyx.Error 429, sent once", describe(err), seen.count())
	})
	t.Run("seekable reader is replayed whole on 500", func(t *testing.T) {
		noLeak(t)
		seen, hashes, base := uploadServer(t, http.StatusInternalServerError)
		c, _ := faultClient(t, base)
		r := bytes.NewReader(append([]byte("skip"), payload...))
		_, _ = r.Seek(4, io.SeekStart) // the upload starts where the reader stands
		err := upload(t.Context(), c, http.MethodPut, r)
		require.ErrorIs(t, err, telnyx.ErrServer)
		assert.Equal(t, 3, seen.count())
		want := fmt.Sprintf("%x", sha256.Sum256(payload))
		assert.Equal(t, []string{want, want, want}, hashes(), "every attempt sends the same bytes")
		faultRow(t, "upload: seekable reader, PUT answered 500", "*telnyx.Error 500, replayed byte for byte", describe(err), seen.count())
	})
}

// TestFaultMediaTransfers: media downloads and uploads through the media
// package under cancellation and failing readers.
func TestFaultMediaTransfers(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	t.Run("download cancelled mid-read", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Header().Set("Content-Length", strconv.Itoa(4<<20))
			_, _ = w.Write(make([]byte, 64<<10))
			w.(http.Flusher).Flush()
			waitDone(r)
		})
		c, a := faultClient(t, srv.URL)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		dl, err := media.New(c).Download(ctx, "call.wav")
		require.NoError(t, err)
		_, err = io.ReadFull(dl, make([]byte, 1024))
		require.NoError(t, err)
		cancel()
		_, readErr := io.Copy(io.Discard, dl)
		require.NoError(t, dl.Close())
		assert.ErrorIs(t, readErr, context.Canceled)
		assert.Equal(t, 1, a.count())
		srv.Close()
		assert.Equal(t, 1, seen.count())
		faultRow(t, "media.Download cancelled mid-read", "read fails with context.Canceled, 1 attempt", fmt.Sprintf("read error: %v", readErr), seen.count())
	})
	t.Run("upload with a failing reader", func(t *testing.T) {
		noLeak(t)
		errBoom := errors.New("tape snapped")
		seen, _, base := uploadServer(t, http.StatusOK)
		c, a := faultClient(t, base)
		_, err := media.New(c).Upload(t.Context(), media.UploadParams{File: &failingReader{n: 50 << 10, err: errBoom}, FileName: "a.wav"})
		var re *telnyx.ReaderError
		require.ErrorAs(t, err, &re)
		assert.ErrorIs(t, err, errBoom)
		assert.Equal(t, 1, a.count())
		faultRow(t, "media.Upload with a failing reader", "ReaderError, 1 attempt", describe(err), seen.count())
	})
	t.Run("upload of a non-seekable reader on 503", func(t *testing.T) {
		noLeak(t)
		seen, hashes, base := uploadServer(t, http.StatusServiceUnavailable)
		c, _ := faultClient(t, base)
		_, err := media.New(c).Upload(t.Context(), media.UploadParams{File: onlyReader{strings.NewReader("RIFF....WAVE")}, FileName: "a.wav"})
		require.ErrorIs(t, err, telnyx.ErrServer)
		assert.Equal(t, 1, seen.count())
		assert.Len(t, hashes(), 1)
		faultRow(t, "media.Upload of a non-seekable reader answered 503", "*telnyx.Error 503, sent once", describe(err), seen.count())
	})
}
