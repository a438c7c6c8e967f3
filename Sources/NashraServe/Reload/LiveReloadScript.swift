/// The script the preview adds to every HTML page it serves (never to the built files): it listens
/// on the event stream and reloads the page when a build finishes, and reconnects when the
/// connection drops (the server restarted, the laptop slept), backing off up to five seconds.
enum LiveReloadScript {
    static let eventsPath = "/__nashra/events"

    /// The script for a page of build `generation`; on connecting, a different build number in
    /// the `hello` event means the page is already stale.
    static func tag(generation: Int) -> String {
        """
        <script data-nashra-live-reload>
        (() => {
          const generation = \(generation);
          let delay = 250;
          const connect = () => {
            const source = new EventSource("\(eventsPath)");
            window.__nashraLiveReload = source;
            source.addEventListener("hello", (event) => {
              delay = 250;
              if (Number(event.data) !== generation) location.reload();
            });
            source.addEventListener("reload", () => location.reload());
            source.onerror = () => {
              source.close();
              setTimeout(connect, delay);
              delay = Math.min(delay * 2, 5000);
            };
          };
          connect();
        })();
        </script>
        """
    }
}
