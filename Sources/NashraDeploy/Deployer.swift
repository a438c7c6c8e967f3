import Crypto
public enum Deployer {}
