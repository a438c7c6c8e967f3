import Hummingbird
import Nashra
public enum PreviewServer {}
