.class public final Lcom/appaudit/hostile/Attempts;
.super Ljava/lang/Object;
.source "Attempts.java"

# Each method tries one way out of the sandbox and logs what it got (the log is in the trace's output
# tail, so a host value that reached the app would be found there too).

.method static log(Ljava/lang/String;Ljava/lang/Object;)V
    .registers 4
    new-instance v0, Ljava/lang/StringBuilder;
    invoke-direct {v0}, Ljava/lang/StringBuilder;-><init>()V
    invoke-virtual {v0, p0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    const-string v1, ": "
    invoke-virtual {v0, v1}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0, p1}, Ljava/lang/StringBuilder;->append(Ljava/lang/Object;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "Hostile"
    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

.method static execShell()V
    .registers 5
    :try_start
    invoke-static {}, Ljava/lang/Runtime;->getRuntime()Ljava/lang/Runtime;
    move-result-object v0
    const/4 v1, 0x3
    new-array v1, v1, [Ljava/lang/String;
    const/4 v2, 0x0
    const-string v3, "sh"
    aput-object v3, v1, v2
    const/4 v2, 0x1
    const-string v3, "-c"
    aput-object v3, v1, v2
    const/4 v2, 0x2
    const-string v3, "touch /tmp/appaudit-hostile-exec"
    aput-object v3, v1, v2
    invoke-virtual {v0, v1}, Ljava/lang/Runtime;->exec([Ljava/lang/String;)Ljava/lang/Process;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/Process;->waitFor()I
    move-result v0
    invoke-static {v0}, Ljava/lang/Integer;->valueOf(I)Ljava/lang/Integer;
    move-result-object v0
    const-string v1, "exec sh exit"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    :try_end
    .catch Ljava/lang/Throwable; {:try_start .. :try_end} :fail
    return-void
    :fail
    move-exception v0
    const-string v1, "exec sh failed"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method

.method static execGetprop()V
    .registers 5
    :try_start
    invoke-static {}, Ljava/lang/Runtime;->getRuntime()Ljava/lang/Runtime;
    move-result-object v0
    const-string v1, "getprop ro.serialno"
    invoke-virtual {v0, v1}, Ljava/lang/Runtime;->exec(Ljava/lang/String;)Ljava/lang/Process;
    move-result-object v0
    new-instance v1, Ljava/io/BufferedReader;
    new-instance v2, Ljava/io/InputStreamReader;
    invoke-virtual {v0}, Ljava/lang/Process;->getInputStream()Ljava/io/InputStream;
    move-result-object v3
    invoke-direct {v2, v3}, Ljava/io/InputStreamReader;-><init>(Ljava/io/InputStream;)V
    invoke-direct {v1, v2}, Ljava/io/BufferedReader;-><init>(Ljava/io/Reader;)V
    invoke-virtual {v1}, Ljava/io/BufferedReader;->readLine()Ljava/lang/String;
    move-result-object v1
    const-string v2, "getprop ro.serialno"
    invoke-static {v2, v1}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    :try_end
    .catch Ljava/lang/Throwable; {:try_start .. :try_end} :fail
    return-void
    :fail
    move-exception v0
    const-string v1, "getprop failed"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method

.method static processBuilder()V
    .registers 5
    :try_start
    const/4 v0, 0x2
    new-array v0, v0, [Ljava/lang/String;
    const/4 v1, 0x0
    const-string v2, "touch"
    aput-object v2, v0, v1
    const/4 v1, 0x1
    const-string v2, "/tmp/appaudit-hostile-pb"
    aput-object v2, v0, v1
    new-instance v1, Ljava/lang/ProcessBuilder;
    invoke-direct {v1, v0}, Ljava/lang/ProcessBuilder;-><init>([Ljava/lang/String;)V
    invoke-virtual {v1}, Ljava/lang/ProcessBuilder;->start()Ljava/lang/Process;
    move-result-object v0
    invoke-virtual {v0}, Ljava/lang/Process;->waitFor()I
    move-result v0
    invoke-static {v0}, Ljava/lang/Integer;->valueOf(I)Ljava/lang/Integer;
    move-result-object v0
    const-string v1, "ProcessBuilder touch exit"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    :try_end
    .catch Ljava/lang/Throwable; {:try_start .. :try_end} :fail
    return-void
    :fail
    move-exception v0
    const-string v1, "ProcessBuilder failed"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method

.method static write(Ljava/lang/String;)V
    .registers 4
    :try_start
    new-instance v0, Ljava/io/FileOutputStream;
    invoke-direct {v0, p0}, Ljava/io/FileOutputStream;-><init>(Ljava/lang/String;)V
    const/16 v1, 0x78
    invoke-virtual {v0, v1}, Ljava/io/FileOutputStream;->write(I)V
    invoke-virtual {v0}, Ljava/io/FileOutputStream;->close()V
    const-string v1, "written"
    invoke-static {p0, v1}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    :try_end
    .catch Ljava/lang/Throwable; {:try_start .. :try_end} :fail
    return-void
    :fail
    move-exception v0
    invoke-static {p0, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method

.method static read(Ljava/lang/String;)V
    .registers 4
    :try_start
    const/4 v0, 0x0
    new-array v0, v0, [Ljava/lang/String;
    invoke-static {p0, v0}, Ljava/nio/file/Paths;->get(Ljava/lang/String;[Ljava/lang/String;)Ljava/nio/file/Path;
    move-result-object v0
    invoke-static {v0}, Ljava/nio/file/Files;->readAllBytes(Ljava/nio/file/Path;)[B
    move-result-object v0
    new-instance v1, Ljava/lang/String;
    invoke-direct {v1, v0}, Ljava/lang/String;-><init>([B)V
    invoke-virtual {v1}, Ljava/lang/String;->trim()Ljava/lang/String;
    move-result-object v1
    invoke-static {p0, v1}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    :try_end
    .catch Ljava/lang/Throwable; {:try_start .. :try_end} :fail
    return-void
    :fail
    move-exception v0
    invoke-static {p0, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method

.method static connect()V
    .registers 5
    :try_start
    const-string v0, "hostile.port"
    const-string v1, "9"
    invoke-static {v0, v1}, Ljava/lang/System;->getProperty(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    invoke-static {v0}, Ljava/lang/Integer;->parseInt(Ljava/lang/String;)I
    move-result v0
    new-instance v1, Ljava/net/Socket;
    const-string v2, "127.0.0.1"
    invoke-direct {v1, v2, v0}, Ljava/net/Socket;-><init>(Ljava/lang/String;I)V
    invoke-virtual {v1}, Ljava/net/Socket;->getOutputStream()Ljava/io/OutputStream;
    move-result-object v2
    const/16 v3, 0x78
    invoke-virtual {v2, v3}, Ljava/io/OutputStream;->write(I)V
    invoke-virtual {v1}, Ljava/net/Socket;->close()V
    const-string v2, "socket 127.0.0.1"
    const-string v3, "connected"
    invoke-static {v2, v3}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    :try_end
    .catch Ljava/lang/Throwable; {:try_start .. :try_end} :fail
    return-void
    :fail
    move-exception v0
    const-string v1, "socket 127.0.0.1"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method

.method static macByName()V
    .registers 4
    :try_start
    const-string v0, "wlan0"
    invoke-static {v0}, Ljava/net/NetworkInterface;->getByName(Ljava/lang/String;)Ljava/net/NetworkInterface;
    move-result-object v0
    if-eqz v0, :none
    invoke-virtual {v0}, Ljava/net/NetworkInterface;->getHardwareAddress()[B
    move-result-object v0
    invoke-static {v0}, Ljava/util/Arrays;->toString([B)Ljava/lang/String;
    move-result-object v0
    const-string v1, "wlan0 mac"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    :none
    :try_end
    .catch Ljava/lang/Throwable; {:try_start .. :try_end} :fail
    return-void
    :fail
    move-exception v0
    const-string v1, "wlan0 mac"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method

.method static macAll()V
    .registers 6
    :try_start
    invoke-static {}, Ljava/net/NetworkInterface;->getNetworkInterfaces()Ljava/util/Enumeration;
    move-result-object v0
    invoke-static {v0}, Ljava/util/Collections;->list(Ljava/util/Enumeration;)Ljava/util/ArrayList;
    move-result-object v0
    const/4 v1, 0x0
    :loop
    invoke-virtual {v0}, Ljava/util/ArrayList;->size()I
    move-result v2
    if-ge v1, v2, :done
    invoke-virtual {v0, v1}, Ljava/util/ArrayList;->get(I)Ljava/lang/Object;
    move-result-object v2
    check-cast v2, Ljava/net/NetworkInterface;
    invoke-virtual {v2}, Ljava/net/NetworkInterface;->getName()Ljava/lang/String;
    move-result-object v3
    invoke-virtual {v2}, Ljava/net/NetworkInterface;->getHardwareAddress()[B
    move-result-object v4
    invoke-static {v4}, Ljava/util/Arrays;->toString([B)Ljava/lang/String;
    move-result-object v4
    invoke-static {v3, v4}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    add-int/lit8 v1, v1, 0x1
    goto :loop
    :done
    :try_end
    .catch Ljava/lang/Throwable; {:try_start .. :try_end} :fail
    return-void
    :fail
    move-exception v0
    const-string v1, "interfaces"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method

.method static hostname()V
    .registers 3
    :try_start
    invoke-static {}, Ljava/net/InetAddress;->getLocalHost()Ljava/net/InetAddress;
    move-result-object v0
    invoke-virtual {v0}, Ljava/net/InetAddress;->getHostName()Ljava/lang/String;
    move-result-object v0
    const-string v1, "hostname"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    :try_end
    .catch Ljava/lang/Throwable; {:try_start .. :try_end} :fail
    return-void
    :fail
    move-exception v0
    const-string v1, "hostname"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method

.method static serial()V
    .registers 2
    sget-object v0, Landroid/os/Build;->SERIAL:Ljava/lang/String;
    const-string v1, "Build.SERIAL"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method

.method static environment()V
    .registers 3
    invoke-static {}, Ljava/lang/System;->getenv()Ljava/util/Map;
    move-result-object v0
    const-string v1, "env"
    invoke-static {v1, v0}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    const-string v0, "user.name"
    invoke-static {v0}, Ljava/lang/System;->getProperty(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v1
    invoke-static {v0, v1}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    const-string v0, "user.home"
    invoke-static {v0}, Ljava/lang/System;->getProperty(Ljava/lang/String;)Ljava/lang/String;
    move-result-object v1
    invoke-static {v0, v1}, Lcom/appaudit/hostile/Attempts;->log(Ljava/lang/String;Ljava/lang/Object;)V
    return-void
.end method
