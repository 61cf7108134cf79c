package recordings_test

import (
	"context"
	"fmt"
	"log"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func ExampleService() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	// Recordings come from calls; the fake takes them as seed data.
	const conference = "428c31b6-7af4-4bcb-b7f5-5013ef9657c1"
	srv.SeedRecording(recordings.Recording{ConferenceID: conference, DurationMillis: 90000})
	srv.SeedRecording(recordings.Recording{DurationMillis: 30000})
	srv.SeedRecording(recordings.Recording{ConferenceID: conference, Channels: recordings.ChannelsDual})
	recs := recordings.New(srv.Client())

	params := recordings.ListParams{Filter: &recordings.ListFilter{ConferenceID: conference}}
	for rec, err := range recs.ListAutoPaging(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(rec.Source, rec.Channels, rec.DurationMillis, rec.DownloadURLs.MP3 != "")
	}
	// Output:
	// conference single 90000 true
	// conference dual 60000 true
}

func ExampleService_DeleteMany() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	a := srv.SeedRecording(recordings.Recording{})
	b := srv.SeedRecording(recordings.Recording{})
	srv.SeedRecording(recordings.Recording{})
	recs := recordings.New(srv.Client())
	ctx := context.Background()

	res, err := recs.DeleteMany(ctx, []string{a.ID, b.ID})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("status:", res.Status)
	left, err := telnyx.Collect(recs.ListAutoPaging(ctx, recordings.ListParams{}), 0)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(left), "recording left")
	// Output:
	// status: ok
	// 1 recording left
}

func ExampleTranscriptionService() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	srv.SeedTranscription(recordings.Transcription{TranscriptionText: "Hello, thanks for calling."})
	srv.SeedTranscription(recordings.Transcription{TranscriptionText: "Goodbye."})
	srv.SeedTranscription(recordings.Transcription{Status: recordings.TranscriptionStatusInProgress})
	transcriptions := recordings.New(srv.Client()).Transcriptions

	// Pages of two: the loop fetches the next page by itself.
	params := recordings.TranscriptionListParams{Page: telnyx.PageParams{Size: 2}}
	for tr, err := range transcriptions.ListAutoPaging(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %q\n", tr.Status, tr.TranscriptionText)
	}
	// Output:
	// completed "Hello, thanks for calling."
	// completed "Goodbye."
	// in-progress ""
}
