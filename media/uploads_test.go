package media_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// part is one decoded part of a multipart body.
type part struct {
	FileName    string
	ContentType string
	Data        string
}

// parseMultipart decodes a captured multipart/form-data request by the
// boundary of its Content-Type header.
func parseMultipart(t *testing.T, c testutil.Captured) map[string]part {
	t.Helper()
	mt, params, err := mime.ParseMediaType(c.Header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mt)
	require.NotEmpty(t, params["boundary"])
	mr := multipart.NewReader(bytes.NewReader(c.Body), params["boundary"])
	parts := map[string]part{}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		data, err := io.ReadAll(p)
		require.NoError(t, err)
		_, dup := parts[p.FormName()]
		require.False(t, dup, "part %q sent twice", p.FormName())
		parts[p.FormName()] = part{FileName: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: string(data)}
	}
	return parts
}

// oneShot is a reader that cannot be rewound.
type oneShot struct{ r io.Reader }

func (o *oneShot) Read(p []byte) (int, error) { return o.r.Read(p) }

const unavailable = `{"errors":[{"code":"10011","title":"Service unavailable"}]}`

func TestUploadStreamsAnOSFileAsMultipart(t *testing.T) {
	t.Parallel()
	name := filepath.Join(t.TempDir(), "greeting.mp3")
	content := "ID3\x03\x00fake mp3 bytes\x00\xff"
	require.NoError(t, os.WriteFile(name, []byte(content), 0o600))
	f, err := os.Open(name)
	require.NoError(t, err)
	t.Cleanup(func() { _ = f.Close() })

	svc, rec := setup(t)
	rec.Answer(http.StatusCreated, fileJSON)
	got, err := svc.Upload(t.Context(), media.UploadParams{File: f, MediaName: telnyx.String("greeting"), TTLSecs: telnyx.Int(3600)})
	require.NoError(t, err)
	assert.Equal(t, file, got)
	assert.Equal(t, map[string]part{
		"media":      {FileName: "greeting.mp3", ContentType: "audio/mpeg", Data: content},
		"media_name": {Data: "greeting"},
		"ttl_secs":   {Data: "3600"},
	}, parseMultipart(t, rec.Last(t)))
}

func TestUpdateStreamsAFileAsMultipart(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, fileJSON)
	_, err := svc.Update(t.Context(), "greeting", media.UpdateParams{File: bytes.NewReader([]byte("RIFF....WAVE")), FileName: "new.wav", TTLSecs: telnyx.Int(60)})
	require.NoError(t, err)
	req := rec.Last(t)
	assert.Equal(t, "/v2/media/greeting", req.Path)
	assert.Equal(t, map[string]part{
		"media":    {FileName: "new.wav", ContentType: "audio/wav", Data: "RIFF....WAVE"},
		"ttl_secs": {Data: "60"},
	}, parseMultipart(t, req))
}

func TestUploadPartNameAndType(t *testing.T) {
	t.Parallel()
	osFile := filepath.Join(t.TempDir(), "upload-123.tmp")
	require.NoError(t, os.WriteFile(osFile, []byte("x"), 0o600))
	open := func() io.Reader {
		f, err := os.Open(osFile)
		require.NoError(t, err)
		t.Cleanup(func() { _ = f.Close() })
		return f
	}
	cases := []struct {
		name         string
		params       media.UploadParams
		wantFileName string
		wantType     string
	}{
		{"plain reader", media.UploadParams{File: &oneShot{strings.NewReader("x")}}, "media", "application/octet-stream"},
		{"name from params", media.UploadParams{File: strings.NewReader("x"), FileName: "doc.json"}, "doc.json", "application/json"},
		{"wav by extension", media.UploadParams{File: strings.NewReader("x"), FileName: "50%.WAV"}, "50%.WAV", "audio/wav"},
		{"explicit type wins", media.UploadParams{File: strings.NewReader("x"), FileName: "a.mp3", ContentType: "audio/x-custom"}, "a.mp3", "audio/x-custom"},
		{"os file name without a known extension", media.UploadParams{File: open()}, "upload-123.tmp", "application/octet-stream"},
		{"explicit name wins over the reader's", media.UploadParams{File: open(), FileName: "greeting.mp3"}, "greeting.mp3", "audio/mpeg"},
		{"quotes in name", media.UploadParams{File: strings.NewReader("x"), FileName: `say "hi".png`}, `say "hi".png`, "image/png"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			svc, rec := setup(t)
			rec.Answer(http.StatusCreated, fileJSON)
			_, err := svc.Upload(t.Context(), tc.params)
			require.NoError(t, err)
			assert.Equal(t, map[string]part{"media": {FileName: tc.wantFileName, ContentType: tc.wantType, Data: "x"}}, parseMultipart(t, rec.Last(t)))
		})
	}
}

func TestSeekableFileIsReplayedOnRetry(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusInternalServerError, unavailable)
	content := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	r := bytes.NewReader(append([]byte("HEADER"), content...))
	_, err := r.Seek(6, io.SeekStart) // the upload starts where the reader stands
	require.NoError(t, err)

	_, err = svc.Update(t.Context(), "greeting", media.UpdateParams{File: r, FileName: "a.mp3", TTLSecs: telnyx.Int(60)})
	require.ErrorIs(t, err, telnyx.ErrServer)
	seen := rec.Requests()
	require.Len(t, seen, 3, "one attempt and two retries")
	want := map[string]part{
		"media":    {FileName: "a.mp3", ContentType: "audio/mpeg", Data: string(content)},
		"ttl_secs": {Data: "60"},
	}
	for i, req := range seen {
		assert.Equal(t, want, parseMultipart(t, req), "attempt %d", i+1)
	}
}

func TestOneShotReaderIsSentOnce(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusServiceUnavailable, unavailable)
	_, err := svc.Update(t.Context(), "greeting", media.UpdateParams{File: &oneShot{strings.NewReader("once")}, FileName: "a.mp3"})
	var apiErr *telnyx.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
	assert.Equal(t, "once", parseMultipart(t, rec.Last(t))["media"].Data, "a reader that cannot be rewound is sent once")
}

func TestUploadIsNotRetriedByDefault(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusServiceUnavailable, unavailable)
	_, err := svc.Upload(t.Context(), media.UploadParams{File: bytes.NewReader([]byte("x"))})
	require.ErrorIs(t, err, telnyx.ErrServer)
	assert.Len(t, rec.Requests(), 1, "a POST may have created the file: it is not repeated")
}

var errDisk = errors.New("disk on fire")

// failingFile yields a few bytes, then fails. It can seek, so only the
// failure itself keeps it from being sent again.
type failingFile struct{ read bool }

func (f *failingFile) Read(p []byte) (int, error) {
	if !f.read {
		f.read = true
		return copy(p, "ID3"), nil
	}
	return 0, errDisk
}

func (f *failingFile) Seek(int64, int) (int64, error) { f.read = false; return 0, nil }

func TestFailingReaderEndsTheCall(t *testing.T) {
	t.Parallel()
	// A real transport, which reports a body that cannot be read; the
	// middleware counts the attempts.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(srv.Close)
	var attempts atomic.Int32
	c, err := telnyx.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithRetryBackoff(time.Millisecond, time.Millisecond),
		option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			attempts.Add(1)
			return next(r)
		}))
	require.NoError(t, err)

	_, err = media.New(c).Update(t.Context(), "greeting", media.UpdateParams{File: &failingFile{}, FileName: "a.mp3"})
	var readerErr *telnyx.ReaderError
	require.ErrorAs(t, err, &readerErr)
	assert.ErrorIs(t, err, errDisk)
	assert.Equal(t, int32(1), attempts.Load(), "a failing reader is never retried")
}

// blockingFile never yields a byte until released.
type blockingFile struct{ release <-chan struct{} }

func (b blockingFile) Read([]byte) (int, error) {
	<-b.release
	return 0, io.EOF
}

func TestBlockingReaderEndsWithTheContext(t *testing.T) {
	t.Parallel()
	svc, _ := setup(t)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()

	start := time.Now()
	_, err := svc.Update(ctx, "greeting", media.UpdateParams{File: blockingFile{release}})
	elapsed := time.Since(start)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	var connErr *telnyx.ConnectionError
	assert.ErrorAs(t, err, &connErr)
	assert.Less(t, elapsed, 1200*time.Millisecond, "the call must end by the deadline, not wait for the reader")
}

func TestUploadStreamsWithoutBuffering(t *testing.T) {
	t.Parallel()
	gotFirst := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mr, err := r.MultipartReader()
		if !assert.NoError(t, err) {
			return
		}
		p, err := mr.NextPart()
		if !assert.NoError(t, err) {
			return
		}
		buf := make([]byte, 1024)
		_, err = io.ReadFull(p, buf)
		assert.NoError(t, err)
		close(gotFirst) // the rest of the file is produced only now
		n, err := io.Copy(io.Discard, p)
		assert.NoError(t, err)
		assert.Equal(t, int64(3<<20-1024), n)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, fileJSON)
	}))
	t.Cleanup(srv.Close)
	c, err := telnyx.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	require.NoError(t, err)

	// The reader yields 1 KiB, then waits until the server has read it: a
	// client that buffered the file before sending would never finish.
	f := io.MultiReader(bytes.NewReader(make([]byte, 1024)), &gated{gate: gotFirst, r: io.LimitReader(zeros{}, 3<<20-1024)})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	got, err := media.New(c).Upload(ctx, media.UploadParams{File: f})
	require.NoError(t, err)
	assert.Equal(t, "greeting", got.MediaName)
}

type gated struct {
	gate <-chan struct{}
	r    io.Reader
}

func (g *gated) Read(p []byte) (int, error) {
	select {
	case <-g.gate:
		return g.r.Read(p)
	case <-time.After(5 * time.Second):
		return 0, errors.New("the server never received the start of the file")
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
