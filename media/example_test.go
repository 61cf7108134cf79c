package media_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"strings"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func ExampleService() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	files := media.New(srv.Client())
	ctx := context.Background()

	// Any io.Reader works; an *os.File also supplies the file name. The
	// content type is guessed from the name's extension.
	f, err := files.Upload(ctx, media.UploadParams{
		File:      strings.NewReader("ID3..."),
		FileName:  "greeting.mp3",
		MediaName: telnyx.String("greeting"),
		TTLSecs:   telnyx.Int(3600),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("stored", f.MediaName, f.ContentType)

	d, err := files.Download(ctx, "greeting")
	if err != nil {
		log.Fatal(err)
	}
	defer func() { _ = d.Close() }()
	n, err := io.Copy(io.Discard, d) // or into an *os.File
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("downloaded", n, "bytes")
	// Output:
	// stored greeting audio/mpeg
	// downloaded 6 bytes
}

func ExampleService_ListAutoPaging() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	files := media.New(srv.Client())
	ctx := context.Background()

	for _, name := range []string{"hello.mp3", "notes.txt", "bye.wav"} {
		params := media.UploadParams{File: strings.NewReader("..."), FileName: name, MediaName: telnyx.String(name)}
		if _, err := files.Upload(ctx, params); err != nil {
			log.Fatal(err)
		}
	}
	params := media.ListParams{Filter: &media.ListFilter{ContentType: []string{"audio/mpeg", "audio/wav"}}}
	for f, err := range files.ListAutoPaging(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(f.MediaName, f.ContentType)
	}
	// Output:
	// hello.mp3 audio/mpeg
	// bye.wav audio/wav
}
