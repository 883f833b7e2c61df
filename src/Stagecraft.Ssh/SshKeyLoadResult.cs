namespace Stagecraft.Ssh;

/// <summary>A loaded key, or the problem and the <c>infra.bootstrap.ssh</c> key (e.g. <c>private_key_path</c>) it blames.</summary>
internal readonly record struct SshKeyLoadResult(SshPrivateKey? Key, (string Key, string Text)? Problem);
