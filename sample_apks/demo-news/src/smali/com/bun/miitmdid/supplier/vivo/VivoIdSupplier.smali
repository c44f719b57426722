.class public Lcom/bun/miitmdid/supplier/vivo/VivoIdSupplier;
.super Ljava/lang/Object;
.source "VivoIdSupplier.java"
.implements Lcom/bun/miitmdid/interfaces/IdSupplier;

# vivo phones expose the OAID through a content provider of the system app com.vivo.vms.

.field private mOaid:Ljava/lang/String;

.method public constructor <init>(Landroid/content/Context;)V
    .registers 9
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    :try_start_0
    invoke-virtual {p1}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    const-string v1, "content://com.vivo.vms.IdProvider/IdentifierId/OAID"
    invoke-static {v1}, Landroid/net/Uri;->parse(Ljava/lang/String;)Landroid/net/Uri;
    move-result-object v1
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0
    if-eqz v0, :done
    invoke-interface {v0}, Landroid/database/Cursor;->moveToFirst()Z
    move-result v1
    if-eqz v1, :close
    const-string v1, "value"
    invoke-interface {v0, v1}, Landroid/database/Cursor;->getColumnIndex(Ljava/lang/String;)I
    move-result v1
    invoke-interface {v0, v1}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v1
    iput-object v1, p0, Lcom/bun/miitmdid/supplier/vivo/VivoIdSupplier;->mOaid:Ljava/lang/String;
    :close
    invoke-interface {v0}, Landroid/database/Cursor;->close()V
    :done
    :try_end_0
    .catch Ljava/lang/Throwable; {:try_start_0 .. :try_end_0} :catch_0
    return-void
    :catch_0
    move-exception v0
    return-void
.end method

.method public isSupported()Z
    .registers 2
    iget-object v0, p0, Lcom/bun/miitmdid/supplier/vivo/VivoIdSupplier;->mOaid:Ljava/lang/String;
    if-eqz v0, :no
    const/4 v0, 0x1
    return v0
    :no
    const/4 v0, 0x0
    return v0
.end method

.method public getOAID()Ljava/lang/String;
    .registers 2
    iget-object v0, p0, Lcom/bun/miitmdid/supplier/vivo/VivoIdSupplier;->mOaid:Ljava/lang/String;
    return-object v0
.end method
