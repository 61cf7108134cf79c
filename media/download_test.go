package media_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

func TestDownloadAcceptsAnyType(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, "bytes")
	d, err := svc.Download(t.Context(), "greeting")
	require.NoError(t, err)
	require.NoError(t, d.Close())
	assert.Equal(t, "*/*", rec.Last(t).Header.Get("Accept"), "the download is not JSON: asking for JSON gets a 406")
}

func TestDownloadStreamsTheBody(t *testing.T) {
	t.Parallel()
	const size = 5 << 20
	clientReadFirst := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/media/greeting%232.mp3/download", r.URL.EscapedPath())
		w.Header().Set("Content-Type", "audio/mpeg")
		w.Header().Set("Content-Length", "5242880")
		chunk := bytes.Repeat([]byte{'a'}, 64<<10)
		_, _ = w.Write(chunk)
		w.(http.Flusher).Flush()
		// The rest is written only after the client has read the first chunk:
		// a Download that buffered the body would never return.
		select {
		case <-clientReadFirst:
		case <-time.After(10 * time.Second):
			return
		}
		for written := len(chunk); written < size; written += len(chunk) {
			for i := range chunk {
				chunk[i] = byte('a' + (written/len(chunk))%26)
			}
			_, _ = w.Write(chunk)
		}
	}))
	t.Cleanup(srv.Close)
	c, err := telnyx.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	require.NoError(t, err)

	d, err := media.New(c).Download(t.Context(), "greeting#2.mp3")
	require.NoError(t, err)
	defer func() { _ = d.Close() }()
	assert.Equal(t, "audio/mpeg", d.ContentType)
	assert.Equal(t, int64(size), d.ContentLength)

	first := make([]byte, 64<<10)
	_, err = io.ReadFull(d, first)
	require.NoError(t, err)
	assert.Equal(t, bytes.Repeat([]byte{'a'}, 64<<10), first)
	close(clientReadFirst)

	total, chunks := len(first), 1
	buf := make([]byte, 64<<10)
	for {
		n, err := io.ReadFull(d.Body, buf)
		if n > 0 {
			assert.Equal(t, byte('a'+(total/len(buf))%26), buf[0], "chunk at %d", total)
			total += n
			chunks++
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		require.NoError(t, err)
	}
	assert.Equal(t, size, total)
	assert.Equal(t, size/(64<<10), chunks)
	require.NoError(t, d.Close())
}
