package telnyxtest_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"testing"
	"time"

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
	clock := &fakeClock{now: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
	a := newAPI(t, telnyxtest.WithClock(clock.Now))
	a.must(201, "POST", "/media", map[string]any{"media_url": "https://example.com/a.mp3", "media_name": "short", "ttl_secs": 10})
	a.must(200, "GET", "/media/short", nil)
	clock.Advance(11 * time.Second)
	a.expectError(404, "10005", "", "GET", "/media/short", nil)
}

func TestEscapedMediaNames(t *testing.T) {
	a := newAPI(t)
	for _, name := range []string{"greeting#2.mp3", "50%.wav", "a/../../recordings", "sp ace?.mp3"} {
		t.Run(name, func(t *testing.T) {
			a := &api{t: t, srv: a.srv, hc: a.hc, key: a.key}
			a.must(201, "POST", "/media", map[string]any{"media_url": "https://example.com/x.mp3", "media_name": name})
			p := "/media/" + url.PathEscape(name)
			got := data(t, a.must(200, "GET", p, nil))
			eq(t, got["media_name"], any(name), "name round trip")
			last, _ := a.srv.LastRequest()
			eq(t, last.OperationID, "GetMediaStorage", "routed to media")
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
