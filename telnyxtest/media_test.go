package telnyxtest_test

import (
	"bytes"
	"context"
	"errors"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// multipartBody builds a multipart/form-data body with a "media" file part.
func multipartBody(t *testing.T, filename, partType string, content []byte, fields map[string]string) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="media"; filename="`+filename+`"`)
	if partType != "" {
		h.Set("Content-Type", partType)
	}
	p, err := w.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = p.Write(content)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	_ = w.Close()
	return buf.Bytes(), w.FormDataContentType()
}

func TestMediaMultipartRoundTrip(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	content := []byte{0x52, 0x49, 0x46, 0x46, 0x00, 0x01, 0xff, 0xfe, 'd', 'a', 't', 'a', 0x00}
	body, ctype := multipartBody(t, "hello.wav", "audio/x-wav", content, map[string]string{"media_name": "hello.wav", "ttl_secs": "3600"})
	m := data(t, a.must(201, "POST", "/media", body, "Content-Type", ctype))
	eq(t, m["media_name"], any("hello.wav"), "media_name")
	eq(t, m["content_type"], any("audio/x-wav"), "content_type")
	created, err := time.Parse(time.RFC3339, m["created_at"].(string))
	if err != nil {
		t.Fatal(err)
	}
	expires, err := time.Parse(time.RFC3339, m["expires_at"].(string))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, expires.Sub(created), time.Hour, "ttl_secs -> expires_at")

	dl := a.send("GET", "/media/hello.wav/download", nil)
	eq(t, dl.status, 200, "download status")
	if !bytes.Equal(dl.body, content) {
		t.Fatalf("downloaded %x, want %x", dl.body, content)
	}
	eq(t, dl.header.Get("Content-Type"), "application/octet-stream", "download content type")
	eq(t, dl.header.Get("Content-Length"), strconv.Itoa(len(content)), "content length")

	// Accept: application/json only is refused like the real API.
	a.expectError(406, "10015", "", "GET", "/media/hello.wav/download", nil, "Accept", "application/json")
	eq(t, a.send("GET", "/media/hello.wav/download", nil, "Accept", "application/json, */*").status, 200, "accept any")

	a.expectError(422, "10015", "/media_name", "POST", "/media", body, "Content-Type", ctype)

	// Without a part Content-Type the type is sniffed.
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	body2, ctype2 := multipartBody(t, "x.bin", "", png, nil)
	m2 := data(t, a.must(201, "POST", "/media", body2, "Content-Type", ctype2))
	eq(t, m2["content_type"], any("image/png"), "sniffed type")
	if name := m2["media_name"].(string); len(name) != 36 {
		t.Fatalf("generated media name %q is not a UUID", name)
	}
	exp2, _ := time.Parse(time.RFC3339, m2["expires_at"].(string))
	cr2, _ := time.Parse(time.RFC3339, m2["created_at"].(string))
	eq(t, exp2.Sub(cr2), 48*time.Hour, "default ttl")

	// Missing media part.
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("media_name", "empty")
	_ = w.Close()
	a.expectError(422, "10015", "/media", "POST", "/media", buf.Bytes(), "Content-Type", w.FormDataContentType())

	// Update with new bytes via multipart, then via JSON.
	newContent := []byte("ID3\x03\x00new audio")
	body3, ctype3 := multipartBody(t, "hello.mp3", "audio/mpeg", newContent, map[string]string{"ttl_secs": "60"})
	u := data(t, a.must(200, "PUT", "/media/hello.wav", body3, "Content-Type", ctype3))
	eq(t, u["content_type"], any("audio/mpeg"), "updated type")
	dl = a.send("GET", "/media/hello.wav/download", nil)
	if !bytes.Equal(dl.body, newContent) {
		t.Fatalf("after update downloaded %q", dl.body)
	}
	u = data(t, a.must(200, "PUT", "/media/hello.wav", map[string]any{"media_url": "https://example.com/new.xml"}))
	eq(t, u["content_type"], any("application/xml"), "type from URL extension")
	a.expectError(404, "10005", "", "PUT", "/media/missing", map[string]any{"ttl_secs": 10})

	a.must(204, "DELETE", "/media/hello.wav", nil)
	a.expectError(404, "10005", "", "GET", "/media/hello.wav", nil)
	a.expectError(404, "10005", "", "GET", "/media/hello.wav/download", nil)
}

func TestMediaJSONAndList(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	a.expectError(422, "10015", "/media_url", "POST", "/media", map[string]any{"media_name": "x"})
	a.expectError(422, "10015", "/ttl_secs", "POST", "/media", map[string]any{"media_url": "https://example.com/a.mp3", "ttl_secs": 0})
	a.expectError(400, "10015", "", "POST", "/media", []byte("{nope"), "Content-Type", "application/json")

	m := data(t, a.must(201, "POST", "/media", map[string]any{"media_url": "https://example.com/a.mp3", "media_name": "a", "ttl_secs": 86400}))
	eq(t, m["content_type"], any("audio/mpeg"), "mp3")
	a.must(201, "POST", "/media", map[string]any{"media_url": "https://example.com/b.wav", "media_name": "b"})
	a.must(201, "POST", "/media", map[string]any{"media_url": "https://example.com/c", "media_name": "c"})

	dl := a.send("GET", "/media/a/download", nil)
	eq(t, dl.status, 200, "placeholder download")
	if len(dl.body) == 0 {
		t.Fatal("empty placeholder body")
	}
	eq(t, dl.header.Get("Content-Type"), "application/octet-stream", "placeholder type")

	l := a.must(200, "GET", "/media", nil)
	eq(t, len(list(t, l, "data")), 3, "all media")
	eq(t, meta(t, l)["total_results"], 3.0, "total")
	l = a.must(200, "GET", "/media?filter[content_type][]=audio/mpeg", nil)
	eq(t, len(list(t, l, "data")), 1, "array filter")
	l = a.must(200, "GET", "/media?filter[content_type]=audio/mpeg&filter[content_type]=application/octet-stream", nil)
	eq(t, len(list(t, l, "data")), 2, "repeated filter")
}

func TestMediaExpiry(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
	a := newAPI(t, telnyxtest.WithClock(clock.Now))
	a.must(201, "POST", "/media", map[string]any{"media_url": "https://example.com/a.mp3", "media_name": "short", "ttl_secs": 10})
	a.must(200, "GET", "/media/short", nil)
	clock.Advance(11 * time.Second)
	a.expectError(404, "10005", "", "GET", "/media/short", nil)

	// Seeded media may be old and about to expire.
	f := a.srv.SeedMedia(media.File{MediaName: "old.wav", CreatedAt: telnyx.NewTimestamp(clock.Now().Add(-47 * time.Hour))}, []byte("RIFF"))
	eq(t, f.ContentType, "audio/wav", "type by extension")
	eq(t, f.ExpiresAt.Equal(telnyx.NewTimestamp(clock.Now().Add(time.Hour))), true, "expires two days after creation")
	eq(t, string(a.send("GET", "/media/old.wav/download", nil).body), "RIFF", "seeded content")
	clock.Advance(time.Hour)
	a.expectError(404, "10005", "", "GET", "/media/old.wav", nil)
}

func TestEscapedMediaNames(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	for _, name := range []string{"greeting#2.mp3", "50%.wav", "a/../../recordings", "sp ace?.mp3"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a := newAPI(t) // its own fake: LastRequest is this subtest's
			a.must(201, "POST", "/media", map[string]any{"media_url": "https://example.com/x.mp3", "media_name": name})
			p := "/media/" + url.PathEscape(name)
			got := data(t, a.must(200, "GET", p, nil))
			eq(t, got["media_name"], any(name), "name round trip")
			last, _ := a.srv.LastRequest()
			eq(t, last.Operation, telnyxtest.OpGetMediaStorage, "routed to media")
			eq(t, a.send("GET", p+"/download", nil).status, 200, "download")
			a.must(200, "PUT", p, map[string]any{"ttl_secs": 100})
			a.must(204, "DELETE", p, nil)
			a.expectError(404, "10005", "", "GET", p, nil)
		})
	}
	// The unescaped traversal form never reaches another resource.
	res := a.send("GET", "/media/a/../../recordings", nil)
	eq(t, res.status, http.StatusNotFound, "unescaped traversal")
}

func TestMediaURLFetchesLoopback(t *testing.T) {
	t.Parallel()
	audio := []byte("ID3\x04\x00fake mp3 bytes")
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a.mp3":
			w.Header().Set("Content-Type", "audio/mpeg")
			_, _ = w.Write(audio)
		case "/untyped.wav":
			w.Header()["Content-Type"] = nil // no type: by extension
			_, _ = w.Write([]byte("0123456789"))
		case "/page":
			w.Header()["Content-Type"] = nil // no type, no extension: sniffed
			_, _ = w.Write([]byte("<html><body>hi</body></html>"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer origin.Close()
	a := newAPI(t)

	m := data(t, a.must(201, "POST", "/media", map[string]any{"media_url": origin.URL + "/a.mp3", "media_name": "a"}))
	eq(t, m["content_type"], any("audio/mpeg"), "type from the response")
	eq(t, string(a.send("GET", "/media/a/download", nil).body), string(audio), "fetched bytes")

	m = data(t, a.must(201, "POST", "/media", map[string]any{"media_url": origin.URL + "/untyped.wav", "media_name": "w"}))
	eq(t, m["content_type"], any("audio/wav"), "type by extension")
	m = data(t, a.must(201, "POST", "/media", map[string]any{"media_url": origin.URL + "/page", "media_name": "p"}))
	eq(t, m["content_type"], any("text/html; charset=utf-8"), "sniffed type")

	// localhost counts as loopback too; PUT replaces the bytes the same way.
	local := strings.Replace(origin.URL, "127.0.0.1", "localhost", 1)
	m = data(t, a.must(200, "PUT", "/media/p", map[string]any{"media_url": local + "/untyped.wav"}))
	eq(t, m["content_type"], any("audio/wav"), "PUT type")
	eq(t, string(a.send("GET", "/media/p/download", nil).body), "0123456789", "PUT fetched bytes")

	// A failed fetch answers 422 naming media_url and stores nothing.
	a.expectError(422, "10015", "/media_url", "POST", "/media", map[string]any{"media_url": origin.URL + "/missing.mp3", "media_name": "x"})
	a.expectError(422, "10015", "/media_url", "PUT", "/media/a", map[string]any{"media_url": origin.URL + "/missing.mp3"})
	a.expectError(404, "10005", "", "GET", "/media/x", nil)
	eq(t, string(a.send("GET", "/media/a/download", nil).body), string(audio), "failed PUT keeps the bytes")

	// Other hosts are never contacted: a deterministic placeholder is stored.
	a.must(201, "POST", "/media", map[string]any{"media_url": "https://example.com/b.mp3", "media_name": "b"})
	eq(t, string(a.send("GET", "/media/b/download", nil).body), "telnyx-fake placeholder for https://example.com/b.mp3", "placeholder")

	// The fake itself is loopback; fetching from it must not deadlock (the
	// fetch carries no API key, so it fails with 422).
	start := time.Now()
	a.expectError(422, "10015", "/media_url", "POST", "/media", map[string]any{"media_url": a.srv.URL() + "/media/a/download", "media_name": "self"})
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("fetching from the fake itself took %v", d)
	}
}

func TestWithMediaFetcher(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var urls []string
	fetch := func(ctx context.Context, u string) ([]byte, string, error) {
		mu.Lock()
		urls = append(urls, u)
		mu.Unlock()
		switch {
		case strings.HasSuffix(u, "/broken"):
			return nil, "", errors.New("boom")
		case strings.HasSuffix(u, "/huge"):
			return make([]byte, 20<<20+1), "audio/wav", nil
		case strings.HasSuffix(u, "/typed"):
			return []byte("custom"), "audio/ogg", nil
		}
		return []byte("custom"), "", nil
	}
	a := newAPI(t, telnyxtest.WithMediaFetcher(fetch))
	m := data(t, a.must(201, "POST", "/media", map[string]any{"media_url": "https://cdn.example.com/typed", "media_name": "t"}))
	eq(t, m["content_type"], any("audio/ogg"), "fetcher's type")
	eq(t, string(a.send("GET", "/media/t/download", nil).body), "custom", "fetcher's bytes")
	m = data(t, a.must(201, "POST", "/media", map[string]any{"media_url": "https://cdn.example.com/x.mp3", "media_name": "x"}))
	eq(t, m["content_type"], any("audio/mpeg"), "type by extension when the fetcher gives none")
	e := a.expectError(422, "10015", "/media_url", "POST", "/media", map[string]any{"media_url": "https://cdn.example.com/broken"})
	if !strings.Contains(e["detail"].(string), "boom") {
		t.Fatalf("detail %q does not carry the fetch error", e["detail"])
	}
	a.expectError(422, "10015", "/media_url", "POST", "/media", map[string]any{"media_url": "https://cdn.example.com/huge"})
	mu.Lock()
	defer mu.Unlock()
	eq(t, strings.Join(urls, " "), "https://cdn.example.com/typed https://cdn.example.com/x.mp3 https://cdn.example.com/broken https://cdn.example.com/huge", "fetched URLs")
}

func TestMediaSizeLimit(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	const limit = 20 << 20
	body, ctype := multipartBody(t, "big.wav", "audio/wav", make([]byte, limit+1), map[string]string{"media_name": "big"})
	a.expectError(422, "10015", "/media", "POST", "/media", body, "Content-Type", ctype)
	a.expectError(404, "10005", "", "GET", "/media/big", nil)

	// A body far over the limit is refused, the same way, before parsing.
	a.expectError(422, "10015", "/media", "POST", "/media", make([]byte, limit+2<<20), "Content-Type", "multipart/form-data; boundary=x")

	// Exactly 20 MB is accepted.
	body, ctype = multipartBody(t, "max.wav", "audio/wav", make([]byte, limit), map[string]string{"media_name": "max"})
	a.must(201, "POST", "/media", body, "Content-Type", ctype)
}
