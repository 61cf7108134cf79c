package media_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

func ExampleService() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/download") {
			w.Header().Set("Content-Type", "audio/mpeg")
			_, _ = io.WriteString(w, "ID3...")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"data":{"media_name":"greeting","content_type":"audio/mpeg"}}`)
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	if err != nil {
		panic(err)
	}
	svc := media.NewService(c)
	ctx := context.Background()

	// Any io.Reader works; an *os.File also gives the file name.
	name := "greeting"
	f, err := svc.Upload(ctx, media.UploadParams{File: strings.NewReader("ID3..."), FileName: "greeting.mp3", MediaName: &name})
	if err != nil {
		panic(err)
	}
	fmt.Println("stored", f.MediaName, f.ContentType)

	d, err := svc.Download(ctx, f.MediaName)
	if err != nil {
		panic(err)
	}
	defer d.Close()
	n, _ := io.Copy(io.Discard, d)
	fmt.Println("downloaded", n, "bytes of", d.ContentType)
	// Output:
	// stored greeting audio/mpeg
	// downloaded 6 bytes of audio/mpeg
}
